// Acceptance test of the catalogers (issue 4): every package Palisade reports for the fixture images,
// in every ecosystem, equals the ground truth computed here by other tools over the squashed rootfs —
// recall and precision 100%:
//   deb     dpkg-query -W --admindir=<rootfs>/var/lib/dpkg (state ii)
//   npm     a walk of every node_modules directory (package.json name + version)
//   pypi    CPython's importlib.metadata over the rootfs's dist-packages/site-packages directories
//   maven   unzip -Z1 / unzip -p over every regular .jar/.war/.ear: META-INF/maven/*/*/pom.properties
//   golang  `go version -m <rootfs>` (Debian's golang-go walks the tree and reads each binary)
// and OS ownership (`ownedBy`) equals `dpkg-query -S` over each language package's evidence path.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { pep503 } from '../../src/catalog/purl.js';
import type { Ecosystem, Package, Report } from '../../src/core/types.js';
import { cyclonedxJson } from '../../src/report/cyclonedx.js';
import { scanRootfs } from '../../src/scan/filesystem.js';
import { scanImage } from '../../src/scan/image.js';
import { fixtures, fixturesSkip, hasTool, readTsv } from './fixtures.js';

const missingTools = ['dpkg-query', 'python3', 'unzip', 'go'].filter((t) => !hasTool(t));
const skip =
  fixturesSkip() ||
  (missingTools.length > 0 &&
    `${missingTools.join(', ')} not installed (apt-get install dpkg python3 unzip golang-go; CI: .ci/setup.d/20-lang.sh)`);

const cacheRoot = mkdtempSync(join(tmpdir(), 'palisade-catalog-truth-'));
after(() => rmSync(cacheRoot, { recursive: true, force: true }));

type Truth = Map<Ecosystem, Set<string>>;

function add(t: Truth, eco: Ecosystem, row: string) {
  if (!t.has(eco)) t.set(eco, new Set());
  t.get(eco)!.add(row);
}

function dpkgTruth(rootfs: string, t: Truth) {
  const out = execFileSync(
    'dpkg-query',
    [
      `--admindir=${rootfs}/var/lib/dpkg`,
      '-W',
      '-f=${db:Status-Abbrev}\t${Package}\t${Version}\t${source:Package}\t${source:Version}\t${Architecture}\n',
    ],
    { encoding: 'utf8' },
  );
  for (const line of out.split('\n')) {
    const [status, ...rest] = line.split('\t');
    if (status?.trim() === 'ii') add(t, 'deb', rest.join('|'));
  }
}

/** Walks the tree without following links, calling `visit` for directories and regular files. */
function walk(root: string, visit: (abs: string, isDir: boolean) => boolean | void) {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const abs = join(dir, n);
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        if (visit(abs, true) !== false) stack.push(abs);
      } else if (st.isFile()) visit(abs, false);
    }
  }
}

function npmTruth(rootfs: string, t: Truth) {
  const pkgDir = (dir: string) => {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest) || !lstatSync(manifest).isFile()) return;
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (m.name && m.version) add(t, 'npm', `${relative(rootfs, manifest)}|${m.name}@${m.version}`);
  };
  walk(rootfs, (abs, isDir) => {
    if (!isDir || !abs.endsWith('/node_modules')) return;
    for (const n of readdirSync(abs)) {
      if (n.startsWith('.')) continue;
      const p = join(abs, n);
      if (!lstatSync(p).isDirectory()) continue;
      if (n.startsWith('@')) for (const s of readdirSync(p)) pkgDir(join(p, s));
      else pkgDir(p);
    }
  });
}

function pythonTruth(rootfs: string, t: Truth) {
  const dirs: string[] = [];
  for (const base of ['usr/lib', 'usr/local/lib']) {
    const b = join(rootfs, base);
    if (!existsSync(b)) continue;
    for (const py of readdirSync(b).filter((d) => /^python3(\.\d+)?$/.test(d)))
      for (const kind of ['dist-packages', 'site-packages'])
        if (existsSync(join(b, py, kind))) dirs.push(join(b, py, kind));
  }
  const script = `
import importlib.metadata as m, json, sys
for d in m.distributions(path=json.loads(sys.argv[1])):
    print(json.dumps([str(d._path), d.metadata['Name'], d.version]))
`;
  const out = execFileSync('python3', ['-c', script, JSON.stringify(dirs)], { encoding: 'utf8' });
  for (const line of out.split('\n').filter(Boolean)) {
    const [dir, name, version] = JSON.parse(line) as [string, string, string];
    add(t, 'pypi', `${relative(rootfs, dir)}|${pep503(name)}@${version}`);
  }
}

function javaTruth(rootfs: string, t: Truth) {
  walk(rootfs, (abs, isDir) => {
    if (isDir || !/\.(jar|war|ear)$/.test(abs)) return;
    const entries = execFileSync('unzip', ['-Z1', abs], { encoding: 'utf8' }).split('\n');
    for (const e of entries.filter((x) => /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/.test(x))) {
      const props = Object.fromEntries(
        execFileSync('unzip', ['-p', abs, e], { encoding: 'utf8' })
          .split('\n')
          .map((l) => /^\s*([\w.]+)\s*[=:]\s*(.*?)\s*$/.exec(l))
          .filter((m): m is RegExpExecArray => !!m)
          .map((m) => [m[1]!, m[2]!]),
      );
      add(t, 'maven', `${relative(rootfs, abs)}!${e}|${props.groupId}:${props.artifactId}@${props.version}`);
    }
  });
}

function goTruth(rootfs: string, t: Truth) {
  // exits 1 when some file under the tree is unreadable as a binary; the listing is still complete
  const r = spawnSync('go', ['version', '-m', rootfs], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let file = '';
  let last: { path: string; version: string } | undefined;
  const flush = () => {
    if (last) add(t, 'golang', `${file}|${last.path}@${last.version}`);
    last = undefined;
  };
  for (const line of r.stdout.split('\n')) {
    const head = /^(\/.*): (go\S+)/.exec(line);
    if (head) {
      flush();
      file = relative(rootfs, head[1]!);
      add(t, 'golang', `${file}|stdlib@${head[2]!.replace(/^go/, '')}`);
      continue;
    }
    const f = line.trim().split('\t');
    if (f[0] === 'mod' || f[0] === 'dep') {
      flush();
      last = { path: f[1]!, version: f[2]! };
    } else if (f[0] === '=>' && last && !/^[./]/.test(f[1]!)) last = { path: f[1]!, version: f[2]! };
  }
  flush();
}

function truthOf(rootfs: string): Truth {
  const t: Truth = new Map();
  dpkgTruth(rootfs, t);
  npmTruth(rootfs, t);
  pythonTruth(rootfs, t);
  javaTruth(rootfs, t);
  goTruth(rootfs, t);
  return t;
}

/** Our packages in the truth's row shapes. */
function rowOf(p: Package): string {
  const loc = p.locations[0]!;
  switch (p.ecosystem) {
    case 'deb':
      return [p.name, p.version, p.source!.name, p.source!.version, p.arch].join('|');
    case 'npm':
      return `${loc.path}|${p.name}@${p.version}`;
    case 'pypi':
      return `${loc.path.replace(/\/(METADATA|PKG-INFO)$/, '')}|${pep503(p.name)}@${p.version}`;
    case 'maven': {
      const [, group, artifact] = /^pkg:maven\/([^/]+)\/([^@]+)@/.exec(p.purl) ?? [];
      return `${loc.path}!${loc.innerPath}|${group}:${artifact}@${p.version}`;
    }
    case 'golang':
      return `${loc.path}|${p.name}@${p.version}`;
    default:
      return `${p.ecosystem}|${p.purl}`;
  }
}

function assertMatchesTruth(report: Report, truth: Truth, what: string) {
  const got: Truth = new Map();
  for (const p of report.packages) add(got, p.ecosystem, rowOf(p));
  const ecosystems = new Set([...truth.keys(), ...got.keys()]);
  const problems: string[] = [];
  for (const eco of ecosystems) {
    const want = truth.get(eco) ?? new Set<string>();
    const have = got.get(eco) ?? new Set<string>();
    const missing = [...want].filter((r) => !have.has(r));
    const extra = [...have].filter((r) => !want.has(r));
    if (missing.length || extra.length)
      problems.push(
        `${eco}: ${want.size} in truth, ${have.size} reported; missing ${JSON.stringify(missing.slice(0, 10))}; extra ${JSON.stringify(extra.slice(0, 10))}`,
      );
  }
  const dupes =
    report.packages.length - new Set(report.packages.map((p) => `${p.ecosystem}|${rowOf(p)}`)).size;
  if (dupes) problems.push(`${dupes} packages reported twice`);
  assert.deepEqual(problems, [], `${what}:\n${problems.join('\n')}`);
}

/** `dpkg-query -S` for each language package's evidence: the OS package that installed it, if any. */
function assertOwnership(report: Report, rootfs: string, what: string) {
  const problems: string[] = [];
  for (const p of report.packages) {
    if (p.ecosystem === 'deb') continue;
    const loc = p.locations[0]!.path;
    const evidence = p.ecosystem === 'pypi' ? loc.replace(/\/(METADATA|PKG-INFO)$/, '') : loc;
    const r = spawnSync('dpkg-query', [`--admindir=${rootfs}/var/lib/dpkg`, '-S', `/${evidence}`], {
      encoding: 'utf8',
    });
    const owner = r.status === 0 ? /^([^:,\s]+)/.exec(r.stdout)?.[1] : undefined;
    const expected = owner ? `pkg:deb/debian/${owner}@` : undefined;
    const ok = expected ? p.ownedBy?.startsWith(expected) : p.ownedBy === undefined;
    if (!ok)
      problems.push(`${p.purl} at ${evidence}: dpkg says ${owner ?? 'no owner'}, ownedBy ${p.ownedBy}`);
  }
  assert.deepEqual(problems, [], `${what}: ownership\n${problems.join('\n')}`);
}

describe('catalogers against ground truth on the fixture images', { skip }, () => {
  let appTruth: Truth;
  const truth = () => (appTruth ??= truthOf(fixtures().rootfs.app));

  test('app truth covers every installed ecosystem of the image', () => {
    const t = truth();
    for (const eco of ['deb', 'npm', 'pypi', 'maven', 'golang'] as const)
      assert.ok((t.get(eco)?.size ?? 0) > 0, `the app fixture has no ${eco} packages by the truth tools`);
  });

  test('app image (OCI layout): every ecosystem, 100% recall and precision; ownership as dpkg says', async () => {
    const f = fixtures();
    const img = f.images.app;
    const report = await scanImage(`oci:${img.ociLayout}:${img.tag}`, {
      scanners: [],
      cacheDir: join(cacheRoot, 'oci'),
    });
    assertMatchesTruth(report, truth(), 'app (oci layout)');
    assertOwnership(report, f.rootfs.app, 'app (oci layout)');
    // OS-owned packages stay in the JSON report, out of the SBOM
    const owned = report.packages.filter((p) => p.ownedBy);
    assert.ok(owned.some((p) => p.ecosystem === 'pypi') && owned.some((p) => p.ecosystem === 'maven'));
    const bomJson = cyclonedxJson({ artifact: report.artifact, packages: report.packages });
    assert.equal(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(bomJson), null);
    const bom = JSON.parse(bomJson) as { components: { purl?: string }[] };
    const unownedPurls = new Set(report.packages.filter((p) => !p.ownedBy).map((p) => p.purl));
    assert.deepEqual(new Set(bom.components.map((c) => c.purl)), unownedPurls);
  });

  test('app image (docker-archive, gzip layers, warm cache): same packages', async () => {
    const f = fixtures();
    const opts = { scanners: [], cacheDir: join(cacheRoot, 'docker') };
    await scanImage(f.images.app.dockerArchiveGzip, opts);
    const report = await scanImage(f.images.app.dockerArchiveGzip, opts);
    assert.ok(report.artifact.layers.every((l) => l.cached));
    assertMatchesTruth(report, truth(), 'app (docker-archive, cached)');
  });

  test('app rootfs: same truth through the directory walk', async () => {
    const f = fixtures();
    const report = await scanRootfs(f.rootfs.app, { scanners: [] });
    assertMatchesTruth(report, truth(), 'app (rootfs)');
    assertOwnership(report, f.rootfs.app, 'app (rootfs)');
  });

  test('base and base-security images: deb packages equal dpkg-query', async () => {
    const f = fixtures();
    const base = await scanImage(`oci:${f.images.base.ociLayout}:base`, { scanners: [], noCache: true });
    assertMatchesTruth(base, truthOf(f.rootfs.base), 'base');
    // base-security's squashed rootfs is not kept; the fixture build ran the same dpkg-query over it
    const sec = await scanImage(`oci:${f.images['base-security'].ociLayout}:base-security`, {
      scanners: [],
      noCache: true,
    });
    const t: Truth = new Map([
      ['deb', new Set(readTsv(f.images['base-security'].dpkgTruth).map((r) => r.join('|')))],
    ]);
    assertMatchesTruth(sec, t, 'base-security');
  });

  test('Debian licenses: every package whose copyright file is DEP-5 gets SPDX licenses', async () => {
    const f = fixtures();
    const report = await scanRootfs(f.rootfs.app, { scanners: [] });
    const doc = join(f.rootfs.app, 'usr/share/doc');
    const problems: string[] = [];
    let dep5 = 0;
    for (const p of report.packages.filter((x) => x.ecosystem === 'deb')) {
      const file = join(doc, p.name, 'copyright');
      if (!existsSync(file)) continue;
      const isDep5 = /^Format:/im.test(readFileSync(file, 'utf8').split('\n\n')[0]!);
      if (!isDep5) continue;
      dep5++;
      if (!p.licenses?.length) problems.push(`${p.name}: DEP-5 copyright, no licenses`);
    }
    assert.ok(dep5 > 50, `only ${dep5} DEP-5 copyright files`);
    assert.deepEqual(problems, []);
  });
});
