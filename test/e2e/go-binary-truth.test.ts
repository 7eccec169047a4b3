// A real third-party Go binary: esbuild from npm's @esbuild/linux-x64. Every module `go version -m`
// lists (Debian's golang-go) must be cataloged, with the same versions, plus the Go stdlib at the
// toolchain version. Debian 12's Go 1.19 reads build info of binaries built up to Go 1.25; esbuild
// 0.19.12 was built with Go 1.20. Newer esbuild (0.28, Go 1.26) has no .go.buildinfo section at all,
// which `go version -m` 1.19 cannot read: the cataloger's fallback reads the sentinel-wrapped modinfo.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { goBinary } from '../../src/catalog/lang/golang/binary.js';
import { analyzeBuffer } from '../../src/catalog/testutil.js';
import { hasTool, REPO_ROOT } from './fixtures.js';

const OLD = '0.19.12';
const CACHE = join(REPO_ROOT, '.cache', 'e2e', `esbuild-linux-x64-${OLD}`);

/** `npm pack` the package once into the gitignored cache; the binary path, or why not. */
function fetchEsbuild(): { bin: string } | { why: string } {
  const bin = join(CACHE, 'esbuild');
  if (existsSync(bin)) return { bin };
  if (!hasTool('npm') || !hasTool('tar')) return { why: 'npm or tar not installed' };
  const tmp = `${CACHE}.tmp-${process.pid}`;
  mkdirSync(tmp, { recursive: true });
  try {
    const packed = spawnSync(
      'npm',
      ['pack', `@esbuild/linux-x64@${OLD}`, '--pack-destination', tmp, '--loglevel=error'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const tgz = packed.stdout.trim().split('\n').pop();
    if (packed.status !== 0 || !tgz)
      return { why: `npm pack @esbuild/linux-x64@${OLD} failed (no registry?): ${packed.stderr.trim()}` };
    execFileSync('tar', ['-xzf', join(tmp, tgz), '-C', tmp, 'package/bin/esbuild']);
    mkdirSync(CACHE, { recursive: true });
    renameSync(join(tmp, 'package/bin/esbuild'), bin);
    return { bin };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `go version -m` → "path@version" of the main module and every dep (replacements applied), stdlib. */
function goVersionM(bin: string): { modules: string[]; goVersion: string } {
  const out = execFileSync('go', ['version', '-m', bin], { encoding: 'utf8' });
  const lines = out.split('\n');
  const goVersion = /: (go\S+)/.exec(lines[0]!)![1]!;
  const modules: string[] = [];
  for (const line of lines.slice(1)) {
    const f = line.trim().split('\t');
    if (f[0] === 'mod' || f[0] === 'dep') modules.push(`${f[1]}@${f[2]}`);
    else if (f[0] === '=>' && !/^[./]/.test(f[1]!)) modules[modules.length - 1] = `${f[1]}@${f[2]}`;
  }
  return { modules, goVersion };
}

describe('Go build info of a real third-party binary (esbuild from npm)', () => {
  let got: { bin: string } | { why: string } = { why: 'not fetched' };
  before(() => {
    got = fetchEsbuild();
  });

  test(`@esbuild/linux-x64@${OLD}: exactly the modules go version -m lists`, async (t) => {
    if (!hasTool('go'))
      return t.skip('go not installed (apt-get install golang-go; CI: .ci/setup.d/20-lang.sh)');
    if ('why' in got) return t.skip(got.why);
    const truth = goVersionM(got.bin);
    assert.ok(truth.modules.length >= 2, `go version -m listed ${truth.modules.join(', ')}`);
    const r = await analyzeBuffer(
      goBinary,
      'usr/local/bin/esbuild',
      readFileSync(got.bin),
      'image',
      {},
      0o755,
    );
    assert.deepEqual(r.warnings ?? [], []);
    const pkgs = r.packages!;
    assert.deepEqual(
      pkgs.filter((p) => p.name !== 'stdlib').map((p) => `${p.name}@${p.version}`),
      truth.modules,
    );
    const std = pkgs.filter((p) => p.name === 'stdlib');
    assert.deepEqual(
      std.map((p) => p.purl),
      [`pkg:golang/stdlib@${truth.goVersion.replace(/^go/, '')}`],
    );
    assert.equal(pkgs[0]!.metadata?.mainModule, true);
  });

  test('newer toolchain (esbuild 0.28 from node_modules, Go ≥ 1.26): no .go.buildinfo, fallback still reads it', async (t) => {
    const bin = join(REPO_ROOT, 'node_modules/@esbuild/linux-x64/bin/esbuild');
    if (!existsSync(bin)) return t.skip('node_modules/@esbuild/linux-x64 not installed (non-x64 host)');
    const buf = readFileSync(bin);
    assert.equal(
      buf.indexOf(Buffer.from('\xff Go buildinf:', 'latin1')),
      -1,
      'expected a binary without the header',
    );
    if (hasTool('go')) {
      const r = spawnSync('go', ['version', '-m', bin], { encoding: 'utf8' });
      assert.match(
        `${r.stdout}${r.stderr}`,
        /could not read Go build info/,
        'go version -m of Debian 12 is not expected to read this binary',
      );
    }
    const r = await analyzeBuffer(goBinary, 'usr/local/bin/esbuild', buf, 'image', {}, 0o755);
    const byName = new Map(r.packages!.map((p) => [p.name, p]));
    assert.equal(byName.get('github.com/evanw/esbuild')?.metadata?.mainModule, true);
    assert.match(byName.get('golang.org/x/sys')?.version ?? '', /^v0\.\d+\.\d+/);
    const std = byName.get('stdlib')!.version;
    assert.match(std, /^1\.(2[6-9]|[3-9]\d)(\.\d+)?$/, `stdlib ${std}`);
    // the version the runtime prints is the one cataloged
    assert.ok(buf.includes(Buffer.from(`go${std}`)), `go${std} not in the binary`);
  });
});
