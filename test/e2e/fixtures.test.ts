// Checks that the images built by test/fixtures/build-images.sh are what they claim to be, with tools
// independent of Palisade (skopeo, GNU tar, sha256 over the bytes), so scanner tests built on them
// test the scanner and not the fixture.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fixtures, fixturesSkip, hasTool, readTsv, type FixtureImage } from './fixtures.js';

const skip = fixturesSkip();

function run(cmd: string, args: string[], input?: Buffer): Buffer {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

interface TarEntry {
  mode: string;
  path: string;
  size: number;
}

/** `tar -tv` of a tar stream: GNU tar, not our own reader, is the judge here. */
function listTar(bytes: Buffer, gzip = false): TarEntry[] {
  const out = run('tar', [gzip ? '-tvzf' : '-tvf', '-', '--numeric-owner'], bytes).toString();
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^(\S+)\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.*?)(?: -> .*| link to .*)?$/.exec(line);
      if (!m) throw new Error(`unparsed tar -tv line: ${line}`);
      return { mode: m[1]!, size: Number(m[2]), path: m[3]!.replace(/^\.\//, '') };
    });
}

function member(archive: string, name: string): Buffer {
  return run('tar', ['-xOf', archive, name]);
}

const sha256 = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');

interface DockerManifest {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

function dockerManifest(archive: string): DockerManifest {
  const m = JSON.parse(member(archive, 'manifest.json').toString()) as DockerManifest[];
  assert.equal(m.length, 1, `${archive}: one image in manifest.json`);
  return m[0]!;
}

function layersOf(img: FixtureImage) {
  return readTsv(img.layersTruth).map(([index, diffId, digest, createdBy]) => ({
    index: Number(index),
    diffId: diffId!,
    digest: digest!,
    createdBy: createdBy ?? '',
  }));
}

/** The app image's layers as tar listings, read from the uncompressed docker-archive. */
let appLayersCache: TarEntry[][] | undefined;
function appLayers(): TarEntry[][] {
  if (!appLayersCache) {
    const archive = fixtures().images.app.dockerArchive;
    appLayersCache = dockerManifest(archive).Layers.map((l) => listTar(member(archive, l)));
  }
  return appLayersCache;
}

describe('fixture images', { skip }, () => {
  test('fixtures.json lists base, base-security and app with their layer counts', () => {
    const fx = fixtures();
    assert.deepEqual(Object.keys(fx.images).sort(), ['app', 'base', 'base-security']);
    assert.equal(fx.images.base.layers, 1);
    assert.equal(fx.images['base-security'].layers, 2);
    assert.ok(fx.images.app.layers >= 7, `app has ${fx.images.app.layers} layers`);
    for (const img of Object.values(fx.images)) {
      for (const p of [
        img.dockerArchive,
        img.dockerArchiveGzip,
        img.ociArchive,
        img.dpkgTruth,
        img.layersTruth,
      ])
        assert.ok(statSync(p).size > 0, `${p} is non-empty`);
      assert.equal(layersOf(img).length, img.layers, `${img.layersTruth} has one row per layer`);
    }
  });

  test(
    'skopeo reads every archive and layout with the same layers',
    { skip: !hasTool('skopeo') && 'skopeo not installed' },
    () => {
      const fx = fixtures();
      for (const img of Object.values(fx.images)) {
        const diffIds = layersOf(img).map((l) => l.diffId);
        const refs = [
          `oci:${img.ociLayout}:${img.tag}`,
          `oci-archive:${img.ociArchive}`,
          `docker-archive:${img.dockerArchive}`,
          `docker-archive:${img.dockerArchiveGzip}`,
        ];
        for (const ref of refs) {
          const info = JSON.parse(run('skopeo', ['inspect', ref]).toString()) as {
            Architecture: string;
            Os: string;
            Layers: string[];
            Digest: string;
          };
          assert.equal(info.Architecture, 'amd64', ref);
          assert.equal(info.Os, 'linux', ref);
          assert.equal(info.Layers.length, img.layers, `${ref}: layer count`);
          if (ref.startsWith('oci')) assert.equal(info.Digest, img.manifestDigest, `${ref}: manifest digest`);
          const cfg = JSON.parse(run('skopeo', ['inspect', '--config', ref]).toString()) as {
            rootfs: { diff_ids: string[] };
          };
          assert.deepEqual(cfg.rootfs.diff_ids, diffIds, `${ref}: diff_ids`);
        }
      }
    },
  );

  test('docker-archive layers are uncompressed and hash to their diffIDs', () => {
    const img = fixtures().images.app;
    const m = dockerManifest(img.dockerArchive);
    const layers = layersOf(img);
    assert.equal(m.Layers.length, layers.length);
    m.Layers.forEach((name, i) => {
      const bytes = member(img.dockerArchive, name);
      assert.notDeepEqual([...bytes.subarray(0, 2)], [0x1f, 0x8b], `${name} is not gzip`);
      assert.equal(sha256(bytes), layers[i]!.diffId, `${name} hashes to diff_ids[${i}]`);
    });
  });

  test('gzip docker-archive layers are gzip blobs named by their digests', () => {
    const img = fixtures().images.app;
    const m = dockerManifest(img.dockerArchiveGzip);
    assert.deepEqual(m.RepoTags, ['palisade-fixtures/app:latest']);
    const layers = layersOf(img);
    m.Layers.forEach((name, i) => {
      const bytes = member(img.dockerArchiveGzip, name);
      assert.deepEqual([...bytes.subarray(0, 2)], [0x1f, 0x8b], `${name} is gzip`);
      assert.equal(sha256(bytes), layers[i]!.digest);
      assert.equal(name, `blobs/sha256/${layers[i]!.digest.slice(7)}`);
    });
    const cfg = member(img.dockerArchiveGzip, m.Config);
    assert.equal(sha256(cfg), img.configDigest);
  });

  test('app layers: setuid binary outside the base layer', () => {
    const layers = appLayers();
    const suid = layers.flatMap((l, i) =>
      l.filter((e) => e.path === 'usr/local/bin/palisade-suid-helper').map((e) => ({ i, e })),
    );
    assert.equal(suid.length, 1, 'the setuid helper is in exactly one layer');
    assert.ok(suid[0]!.i > 0, 'added by a non-base layer');
    assert.match(suid[0]!.e.mode, /^-rws/, 'setuid bit set in the layer tar');
    const sgid = layers.flat().find((e) => e.path === 'usr/local/bin/palisade-sgid-helper');
    assert.match(sgid?.mode ?? '', /^-rwxr-s/, 'setgid bit set in the layer tar');
  });

  test('app layers: secrets added in one layer, whited out in the next', () => {
    const fx = fixtures();
    const layers = appLayers();
    const secrets = readTsv(fx.truth('app.secrets.tsv')).slice(1);
    assert.ok(secrets.length >= 3);
    const byKind = Object.fromEntries(secrets.map(([, , kind, value]) => [kind, value]));
    assert.match(byKind['aws-access-key-id']!, /^AKIA[A-Z2-7]{16}$/);
    assert.notEqual(byKind['aws-access-key-id'], 'AKIAIOSFODNN7EXAMPLE');
    assert.match(byKind['aws-secret-access-key']!, /^[A-Za-z0-9/+]{40}$/);
    assert.match(byKind['github-pat']!, /^ghp_[A-Za-z0-9]{36}$/);
    const layer = Number(secrets[0]![1]);
    const paths = new Set(layers[layer]!.map((e) => e.path));
    for (const [path] of secrets) assert.ok(paths.has(path!.slice(1)), `${path} in layer ${layer}`);
    const next = new Set(layers[layer + 1]!.map((e) => e.path));
    for (const wh of [
      'root/.wh..aws',
      'root/.config/gh/.wh.hosts.yml',
      'app/.wh..env',
      'etc/.wh.palisade-legacy.conf',
      'var/tmp/.wh.build',
    ])
      assert.ok(next.has(wh), `whiteout ${wh} in layer ${layer + 1}`);
    // The bytes of the secret are really in the layer blob (what a secret scanner must find).
    const archive = fx.images.app.dockerArchive;
    const blob = member(archive, dockerManifest(archive).Layers[layer]!);
    assert.ok(blob.includes(Buffer.from(byKind['github-pat']!)), 'token bytes in the layer');
  });

  test('app layers: the last layer makes /opt/cache opaque', () => {
    const layers = appLayers();
    const last = layers[layers.length - 1]!.map((e) => e.path);
    assert.ok(last.includes('opt/cache/.wh..wh..opq'), `opaque whiteout in ${last.join(', ')}`);
    assert.ok(last.includes('opt/cache/fresh'));
    const earlier = layers
      .slice(0, -1)
      .flat()
      .map((e) => e.path);
    assert.ok(earlier.includes('opt/cache/v1/entry-1') && earlier.includes('opt/cache/index'));
  });

  test('squashed app rootfs: whiteouts applied, setuid kept, Go binary present', () => {
    const fx = fixtures();
    const root = fx.rootfs.app;
    const deleted = readFileSync(fx.truth('app.deleted.txt'), 'utf8').split('\n').filter(Boolean);
    assert.ok(deleted.length >= 5);
    for (const p of deleted) assert.ok(!existsSync(join(root, p)), `${p} is gone from the squashed rootfs`);
    assert.equal(readFileSync(join(root, 'opt/cache/fresh'), 'utf8'), 'fresh\n');
    assert.deepEqual(readdirSync(join(root, 'opt/cache')), ['fresh']);
    const suid = statSync(join(root, 'usr/local/bin/palisade-suid-helper'));
    assert.equal(suid.mode & 0o4000, 0o4000);
    assert.equal(suid.uid, 0);
    const esbuild = readFileSync(join(root, 'usr/local/bin/esbuild'));
    assert.deepEqual([...esbuild.subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46], 'esbuild is ELF');
    assert.ok(esbuild.includes(Buffer.from('\xff Go buildinf:', 'latin1')), 'esbuild has Go buildinfo');
  });

  test('squashed app rootfs: deb-owned python dist-info and a jar with pom.properties', () => {
    const root = fixtures().rootfs.app;
    const dist = join(root, 'usr/lib/python3/dist-packages');
    const info = readdirSync(dist).find((n) => /^requests-.*\.(dist|egg)-info$/.test(n));
    assert.ok(info, 'requests metadata directory');
    const owned = readFileSync(join(root, 'var/lib/dpkg/info/python3-requests.list'), 'utf8');
    assert.ok(owned.includes(`/usr/lib/python3/dist-packages/${info}`), 'owned by python3-requests');
    const java = join(root, 'usr/share/java');
    const jar = readdirSync(java).find(
      (n) => /^commons-lang3.*\.jar$/.test(n) && !lstatSync(join(java, n)).isSymbolicLink(),
    );
    assert.ok(jar, 'commons-lang3 jar');
    const bytes = readFileSync(join(java, jar));
    assert.ok(bytes.includes(Buffer.from('META-INF/maven/org.apache.commons/commons-lang3/pom.properties')));
  });

  test('dpkg ground truth: complete rows, app ⊇ base, security upgrade changed versions', () => {
    const fx = fixtures();
    const rows = (n: keyof typeof fx.images) => readTsv(fx.images[n].dpkgTruth);
    const byName = (n: keyof typeof fx.images) => new Map(rows(n).map((r) => [r[0]!, r]));
    for (const n of ['base', 'base-security', 'app'] as const) {
      for (const r of rows(n)) {
        assert.equal(r.length, 5, `${n}: ${r.join('|')}`);
        assert.ok(
          r.every((c) => c !== ''),
          `${n}: empty field in ${r.join('|')}`,
        );
      }
    }
    const base = byName('base');
    const sec = byName('base-security');
    const app = byName('app');
    assert.ok(base.size >= 80, `base has ${base.size} packages`);
    assert.ok(base.has('dpkg') && base.get('libc6')![2] === 'glibc', 'source name of libc6 is glibc');
    for (const name of base.keys()) {
      assert.ok(app.has(name), `app keeps base package ${name}`);
      assert.ok(sec.has(name), `base-security keeps base package ${name}`);
    }
    for (const p of ['python3-requests', 'libcommons-lang3-java', 'python3.11-minimal'])
      assert.ok(app.has(p), p);
    const upgraded = [...base.values()].filter((r) => sec.get(r[0]!)![1] !== r[1]);
    assert.ok(upgraded.length > 0, 'bookworm-security upgraded at least one package');
  });

  test('squashed base rootfs: dpkg database, no device nodes, no apt lists', () => {
    const fx = fixtures();
    const root = fx.rootfs.base;
    const status = readFileSync(join(root, 'var/lib/dpkg/status'), 'utf8');
    const installed = status.split('\n').filter((l) => l === 'Status: install ok installed').length;
    assert.equal(installed, readTsv(fx.images.base.dpkgTruth).length);
    assert.deepEqual(readdirSync(join(root, 'dev')), []);
    assert.deepEqual(readdirSync(join(root, 'var/lib/apt/lists')), ['partial']);
    assert.match(readFileSync(join(root, 'etc/os-release'), 'utf8'), /VERSION_CODENAME=bookworm/);
  });

  test('node_modules truth: old top-level packages, nested lodash, scoped package, no dev deps', () => {
    const fx = fixtures();
    const rows = readTsv(fx.truth('app.node_modules.tsv'));
    const at = new Map(rows.map(([path, name, version]) => [path!, `${name}@${version}`]));
    assert.equal(at.get('app/node_modules/lodash'), 'lodash@4.17.15');
    assert.equal(at.get('app/node_modules/minimist'), 'minimist@1.2.0');
    assert.equal(at.get('app/node_modules/express-validator/node_modules/lodash'), 'lodash@4.17.21');
    assert.equal(at.get('app/node_modules/@sindresorhus/is'), '@sindresorhus/is@4.6.0');
    assert.ok(![...at.values()].some((v) => v.startsWith('is-number@')), 'dev dependency not installed');
    assert.ok(rows.length >= 40, `${rows.length} packages`);
    for (const [path] of rows) assert.ok(existsSync(join(fx.rootfs.app, path!, 'package.json')), path);
    const lock = JSON.parse(readFileSync(join(fx.rootfs.app, 'app/package-lock.json'), 'utf8')) as {
      lockfileVersion: number;
      packages: Record<string, { version?: string; dev?: boolean }>;
    };
    assert.equal(lock.lockfileVersion, 3);
    assert.equal(lock.packages['node_modules/is-number']?.dev, true);
    // every installed package is in the lockfile at the same path and version
    for (const [path, , version] of rows)
      assert.equal(lock.packages[path!.replace(/^app\//, '')]?.version, version, `${path} in the lockfile`);
  });

  test('multiarch: an index with linux/amd64 and linux/arm64', () => {
    const fx = fixtures();
    const blob = (layout: string, d: string) =>
      JSON.parse(readFileSync(join(layout, 'blobs/sha256', d.slice(7)), 'utf8'));
    const index = JSON.parse(readFileSync(join(fx.multiarch.ociLayout, 'index.json'), 'utf8')) as {
      manifests: Array<{ digest: string; platform: { os: string; architecture: string } }>;
    };
    assert.deepEqual(
      index.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`),
      ['linux/amd64', 'linux/arm64'],
    );
    assert.equal(index.manifests[0]!.digest, fx.images.base.manifestDigest);
    for (const m of index.manifests) {
      const man = blob(fx.multiarch.ociLayout, m.digest);
      const cfg = blob(fx.multiarch.ociLayout, man.config.digest);
      assert.equal(cfg.architecture, m.platform.architecture);
      for (const l of man.layers)
        assert.ok(existsSync(join(fx.multiarch.ociLayout, 'blobs/sha256', l.digest.slice(7))));
    }
    // the main layout's `multiarch` tag is the same index, nested
    const main = JSON.parse(readFileSync(join(fx.images.base.ociLayout, 'index.json'), 'utf8')) as {
      manifests: Array<{ mediaType: string; digest: string; annotations?: Record<string, string> }>;
    };
    const tagged = main.manifests.find(
      (m) => m.annotations?.['org.opencontainers.image.ref.name'] === fx.multiarch.tag,
    );
    assert.equal(tagged?.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.deepEqual(blob(fx.images.base.ociLayout, tagged.digest).manifests, index.manifests);
    const arch = listTar(readFileSync(fx.multiarch.ociArchive)).map((e) => e.path);
    assert.ok(arch.includes('index.json') && arch.includes('oci-layout'));
  });
});
