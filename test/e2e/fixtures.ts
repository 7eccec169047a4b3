// Locates the fixture images built by test/fixtures/build-images.sh, for e2e tests and benchmarks.
// Tests skip with FIXTURES_HINT when they are absent; when PALISADE_FIXTURES is set (CI sets it) and
// they are absent, that is an error, so a broken CI build can never pass as "all skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { FIXTURES_HINT, locateFixtures } from '../fixtures/locate.mjs';

export { FIXTURES_HINT, REPO_ROOT } from '../fixtures/locate.mjs';

export type FixtureName = 'base' | 'base-security' | 'app';

export interface FixtureImage {
  name: FixtureName;
  manifestDigest: string;
  configDigest: string;
  layers: number;
  /** OCI layout directory holding every tag; `oci:${ociLayout}:${tag}` */
  ociLayout: string;
  tag: string;
  /** docker-archive, uncompressed layers (what `docker save` writes) */
  dockerArchive: string;
  /** docker-archive with gzip layers (OCI-layout style, as a containerd-store `docker save`) */
  dockerArchiveGzip: string;
  ociArchive: string;
  /** `dpkg-query -W` over the squashed rootfs: name, version, source name, source version, arch */
  dpkgTruth: string;
  /** index, diffID, layer digest, created_by */
  layersTruth: string;
}

export interface Fixtures {
  dir: string;
  key: string;
  images: Record<FixtureName, FixtureImage>;
  rootfs: { base: string; app: string };
  multiarch: { ociLayout: string; ociArchive: string; tag: string };
  /** truth file of the fixture dir, e.g. truth('app.node_modules.tsv') */
  truth(file: string): string;
  /** the ~1 GB image, only when built with --big */
  big?: { dockerArchive: string; ociLayout: string };
}

interface SummaryFile {
  key: string;
  images: Array<Omit<FixtureImage, 'name'> & { name: string }>;
  rootfs: { base: string; app: string };
  multiarch: { ociLayout: string; ociArchive: string; tag: string };
}

let cached: Fixtures | null | undefined;

/** The built fixtures, or undefined when they are not built (an error if PALISADE_FIXTURES says they are). */
export function loadFixtures(env: NodeJS.ProcessEnv = process.env): Fixtures | undefined {
  if (cached !== undefined && env === process.env) return cached ?? undefined;
  const { dir, explicit } = locateFixtures(env);
  const summary = join(dir, 'fixtures.json');
  let found: Fixtures | null = null;
  if (existsSync(summary)) {
    const s = JSON.parse(readFileSync(summary, 'utf8')) as SummaryFile;
    const abs = (p: string) => (isAbsolute(p) ? p : join(dir, p));
    const images = {} as Record<FixtureName, FixtureImage>;
    for (const img of s.images) {
      images[img.name as FixtureName] = {
        ...img,
        name: img.name as FixtureName,
        ociLayout: abs(img.ociLayout),
        dockerArchive: abs(img.dockerArchive),
        dockerArchiveGzip: abs(img.dockerArchiveGzip),
        ociArchive: abs(img.ociArchive),
        dpkgTruth: abs(img.dpkgTruth),
        layersTruth: abs(img.layersTruth),
      };
    }
    const bigArchive = join(dir, 'archives/big.docker.tar');
    found = {
      dir,
      key: s.key,
      images,
      rootfs: { base: abs(s.rootfs.base), app: abs(s.rootfs.app) },
      multiarch: {
        ...s.multiarch,
        ociLayout: abs(s.multiarch.ociLayout),
        ociArchive: abs(s.multiarch.ociArchive),
      },
      truth: (file) => join(dir, 'truth', file),
      ...(existsSync(bigArchive) ? { big: { dockerArchive: bigArchive, ociLayout: join(dir, 'big') } } : {}),
    };
  } else if (explicit) {
    throw new Error(
      `PALISADE_FIXTURES=${env.PALISADE_FIXTURES} but ${summary} does not exist (${FIXTURES_HINT})`,
    );
  }
  if (env === process.env) cached = found;
  return found ?? undefined;
}

/** For `test(name, { skip: fixturesSkip() }, …)`: false when built, else the hint. */
export function fixturesSkip(): false | string {
  return loadFixtures() ? false : FIXTURES_HINT;
}

/** The fixtures, for a test already skipped by fixturesSkip(); throws if they vanished meanwhile. */
export function fixtures(): Fixtures {
  const f = loadFixtures();
  if (!f) throw new Error(FIXTURES_HINT);
  return f;
}

/** Rows of a TSV file, without empty lines. */
export function readTsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

/** Whether a tool is on PATH (for tests that need skopeo, tar…). */
export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}
