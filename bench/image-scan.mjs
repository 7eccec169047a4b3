#!/usr/bin/env node
// Image-scan benchmark (issue 2): Palisade against cdxgen and trivy-cdxgen on the fixture images,
// all measured in this run on this machine, N runs each, medians compared.
//
//   node bench/image-scan.mjs [--runs N] [--big] [--json] [--no-build] [--no-peers] [--ours-args "..."]
//
// Rows: the app image's docker-archive (uncompressed, as `docker save` writes it) scanned by
// `palisade image` cold (fresh cache dir) and warm (same cache dir again) and by `cdxgen -t docker`;
// the base rootfs by `palisade rootfs` and `trivy-cdxgen rootfs`; with --big, the ~1 GB image cold.
// Every command runs in a fresh network namespace (root): nothing can leave the machine, and a tool
// that would fetch something fails fast instead. Needs the fixtures (sudo test/fixtures/build-images.sh
// [--big]) and the peers (bench/peers/install.sh); a missing piece is reported, not fatal.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES_HINT, REPO_ROOT, locateFixtures } from '../test/fixtures/locate.mjs';
import { measure, median, networkIsolation } from './measure.mjs';

const PEERS = join(REPO_ROOT, 'bench/.peers/bin');
const PALISADE = join(REPO_ROOT, 'bin/palisade.js');
const MB = 1024 * 1024;

function parseArgs(argv) {
  const o = { runs: 3, big: false, json: false, build: true, peers: true, oursArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--big') o.big = true;
    else if (a === '--json') o.json = true;
    else if (a === '--no-build') o.build = false;
    else if (a === '--no-peers') o.peers = false;
    else if (a === '--ours-args') o.oursArgs = (argv[++i] ?? '').split(' ').filter(Boolean);
    else if (a === '-h' || a === '--help') {
      console.log(
        readFileSync(new URL(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 12)
          .join('\n'),
      );
      process.exit(0);
    } else {
      console.error(`image-scan.mjs: unknown argument '${a}'`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) {
    console.error('image-scan.mjs: --runs needs a positive integer');
    process.exit(2);
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const log = (s) => process.stderr.write(`${s}\n`);

// ------------------------------------------------------------------------------ what is available
const { dir: fxDir } = locateFixtures();
const fxFile = join(fxDir, 'fixtures.json');
const fx = existsSync(fxFile) ? JSON.parse(readFileSync(fxFile, 'utf8')) : undefined;
const fxPath = (p) => (p.startsWith('/') ? p : join(fxDir, p));
const app = fx && fxPath(fx.images.find((i) => i.name === 'app').dockerArchive);
const baseRootfs = fx && fxPath(fx.rootfs.base);
const bigArchive = join(fxDir, 'archives/big.docker.tar');

if (opts.build) {
  const r = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0) log(`npm run build failed (our rows will say so):\n${r.stderr}`);
}

/** Whether our CLI has a verb: `palisade --help` lists it (an unknown verb with --help exits 0 too). */
function oursHas(verb) {
  if (!existsSync(join(REPO_ROOT, 'dist/cli/main.js'))) return false;
  const r = spawnSync(process.execPath, [PALISADE, '--help'], { encoding: 'utf8' });
  return r.status === 0 && new RegExp(`^\\s+${verb}\\b`, 'm').test(r.stdout);
}
const ours = { image: oursHas('image'), rootfs: oursHas('rootfs') };
/** Our flags a verb accepts, from its --help: packages only where --scanners exists. */
function oursFlags(verb) {
  const r = spawnSync(process.execPath, [PALISADE, verb, '--help'], { encoding: 'utf8' });
  return { scanners: /--scanners\b/.test(r.stdout ?? ''), cacheDir: /--cache-dir\b/.test(r.stdout ?? '') };
}
const oursOpts = { image: ours.image && oursFlags('image'), rootfs: ours.rootfs && oursFlags('rootfs') };
const peers = {
  cdxgen: opts.peers && existsSync(join(PEERS, 'cdxgen')),
  trivy: opts.peers && existsSync(join(PEERS, 'trivy-cdxgen')),
};

// ------------------------------------------------------------------------------------- the runs
/** How many packages a run reported, read from its output file: a sanity check, not a metric. */
function countPackages(file, kind) {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    return kind === 'palisade' ? doc.packages?.length : doc.components?.length;
  } catch {
    return undefined;
  }
}

/**
 * Runs one benchmark case `runs` times. make(i) returns { argv, env, out, kind, cleanup? } per run.
 * Returns a row: medians, all samples, or `unavailable` with the reason.
 */
async function bench(label, tool, available, make, runs = opts.runs) {
  if (available !== true) return { label, tool, unavailable: available };
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const c = make(i);
    const r = await measure(c.argv, { env: c.env, cwd: c.cwd ?? REPO_ROOT });
    const packages = countPackages(c.out, c.kind);
    c.cleanup?.();
    if (r.code !== 0) {
      const why = (r.stderr.trim().split('\n')[0] || `exit ${r.code}`).slice(0, 200);
      log(`  ${label} / ${tool}: run ${i + 1} failed: ${why}`);
      return { label, tool, failed: `exit ${r.code}: ${why}`, samples };
    }
    samples.push({ wallMs: r.wallMs, peakRssBytes: r.peakRssBytes, packages });
    log(
      `  ${label} / ${tool}: run ${i + 1}: ${(r.wallMs / 1000).toFixed(2)} s, ${(r.peakRssBytes / MB).toFixed(0)} MB, ${packages ?? '?'} packages`,
    );
  }
  return {
    label,
    tool,
    runs: samples.length,
    wallMs: median(samples.map((s) => s.wallMs)),
    peakRssBytes: median(samples.map((s) => s.peakRssBytes)),
    maxPeakRssBytes: Math.max(...samples.map((s) => s.peakRssBytes)),
    packages: samples[0]?.packages,
    samples,
  };
}

const scratch = mkdtempSync(join(tmpdir(), 'palisade-bench-'));
// Each peer run gets its own HOME and TMPDIR (cdxgen extracts the image under TMPDIR, trivy caches
// under HOME), so no run profits from another's leftovers, and nothing is left behind.
function isolatedEnv(tag) {
  const home = mkdtempSync(join(scratch, `${tag}-`));
  return {
    env: { ...process.env, HOME: home, TMPDIR: home, CDXGEN_TEMP_DIR: home, FETCH_LICENSE: 'false' },
    home,
  };
}

/** A run in its own HOME/TMPDIR; argvFor(home, out) gives the command writing its result to out. */
function isolatedCase(tag, kind, argvFor) {
  return () => {
    const { env, home } = isolatedEnv(tag);
    const out = join(home, 'result.json');
    return {
      argv: argvFor(home, out),
      env,
      out,
      kind,
      cleanup: () => rmSync(home, { recursive: true, force: true }),
    };
  };
}

function palisadeCase(verb, target, cacheDir) {
  return isolatedCase('palisade', 'palisade', (_home, out) => {
    const argv = [process.execPath, PALISADE, verb, target, '--format', 'json', '--output', out];
    // "cold scan (packages only)": what cdxgen and trivy-cdxgen produce is an SBOM, no findings
    if (oursOpts[verb]?.scanners && !opts.oursArgs.includes('--scanners')) argv.push('--scanners', 'none');
    if (cacheDir) argv.push('--cache-dir', cacheDir());
    return [...argv, ...opts.oursArgs];
  });
}

const notBuilt = `fixture missing: ${FIXTURES_HINT}`;
const need = (cond, why) => (cond ? true : why);
const rows = [];

async function main() {
  log(
    `fixtures: ${fx ? fxDir : 'none'}; network isolation: ${networkIsolation() ? 'unshare -n' : 'NONE (not root?)'}`,
  );
  log(
    `palisade image: ${ours.image ? 'yes' : 'no'}, rootfs: ${ours.rootfs ? 'yes' : 'no'}; cdxgen: ${peers.cdxgen}; trivy-cdxgen: ${peers.trivy}`,
  );

  const oursImage = ours.image || 'palisade image not available';
  const oursRootfs = ours.rootfs || 'palisade rootfs not available';
  const peerMissing = (p) =>
    opts.peers ? `${p} not installed: run bench/peers/install.sh` : 'skipped (--no-peers)';

  // cold: a fresh cache dir per run; warm: one cache dir filled by an unmeasured run first
  const coldDirs = [];
  const cold = () => {
    const d = mkdtempSync(join(scratch, 'cache-cold-'));
    coldDirs.push(d);
    return d;
  };
  const warmDir = mkdtempSync(join(scratch, 'cache-warm-'));
  const appOk = need(app && existsSync(app), notBuilt);

  if (app) log(`app docker-archive: ${app}`);
  rows.push(
    await bench(
      'app docker-archive',
      'palisade cold',
      appOk === true ? oursImage : appOk,
      palisadeCase('image', app, cold),
    ),
  );
  if (ours.image && appOk === true) {
    const prime = palisadeCase('image', app, () => warmDir)();
    await measure(prime.argv, { env: prime.env });
    prime.cleanup();
  }
  rows.push(
    await bench(
      'app docker-archive',
      'palisade warm',
      appOk === true ? oursImage : appOk,
      palisadeCase('image', app, () => warmDir),
    ),
  );
  rows.push(
    await bench(
      'app docker-archive',
      'cdxgen -t docker',
      appOk === true ? peers.cdxgen || peerMissing('cdxgen') : appOk,
      isolatedCase('cdxgen', 'cdx', (_home, out) => [
        process.execPath,
        join(PEERS, 'cdxgen'),
        '-t',
        'docker',
        app,
        '-o',
        out,
      ]),
    ),
  );

  const rootOk = need(baseRootfs && existsSync(baseRootfs), notBuilt);
  rows.push(
    await bench(
      'base rootfs',
      'palisade rootfs',
      rootOk === true ? oursRootfs : rootOk,
      palisadeCase('rootfs', baseRootfs),
    ),
  );
  rows.push(
    await bench(
      'base rootfs',
      'trivy-cdxgen rootfs',
      rootOk === true ? peers.trivy || peerMissing('trivy-cdxgen') : rootOk,
      // the flags cdxgen itself passes, plus the ones that keep trivy from looking for updates
      isolatedCase('trivy', 'cdx', (home, out) => [
        join(PEERS, 'trivy-cdxgen'),
        'rootfs',
        '--cache-dir',
        join(home, 'cache'),
        '--output',
        out,
        '--skip-db-update',
        '--skip-java-db-update',
        '--skip-check-update',
        '--skip-version-check',
        '--offline-scan',
        '--disable-telemetry',
        '--quiet',
        baseRootfs,
      ]),
    ),
  );

  if (opts.big) {
    const bigOk = need(
      existsSync(bigArchive),
      'big fixture missing: run sudo test/fixtures/build-images.sh --big',
    );
    rows.push(
      await bench(
        'big docker-archive (~1 GB)',
        'palisade cold',
        bigOk === true ? oursImage : bigOk,
        palisadeCase('image', bigArchive, cold),
      ),
    );
  }
  for (const d of coldDirs) rmSync(d, { recursive: true, force: true });
}

// ------------------------------------------------------------------------------------- targets
function find(label, tool) {
  return rows.find((r) => r.label === label && r.tool === tool && r.wallMs !== undefined);
}

function targets() {
  const t = [];
  const add = (name, ok, detail) => t.push({ name, met: ok, detail });
  const cold = find('app docker-archive', 'palisade cold');
  const warm = find('app docker-archive', 'palisade warm');
  const cdx = find('app docker-archive', 'cdxgen -t docker');
  const rfs = find('base rootfs', 'palisade rootfs');
  const trivy = find('base rootfs', 'trivy-cdxgen rootfs');
  const big = find('big docker-archive (~1 GB)', 'palisade cold');
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const mb = (b) => `${(b / MB).toFixed(0)} MB`;
  if (cold && cdx)
    add(
      'cold scan <= 1/5 of cdxgen -t docker',
      cold.wallMs * 5 <= cdx.wallMs,
      `${s(cold.wallMs)} vs ${s(cdx.wallMs)} (ratio ${(cold.wallMs / cdx.wallMs).toFixed(3)})`,
    );
  else add('cold scan <= 1/5 of cdxgen -t docker', null, 'not measured');
  if (warm) add('warm scan <= 0.5 s', warm.wallMs <= 500, s(warm.wallMs));
  else add('warm scan <= 0.5 s', null, 'not measured');
  const rssRows = [cold, warm, rfs, big].filter(Boolean);
  if (rssRows.length) {
    const worst = Math.max(...rssRows.map((r) => r.maxPeakRssBytes));
    add('peak RSS <= 200 MB (every palisade run)', worst <= 200 * MB, `max ${mb(worst)}`);
  } else add('peak RSS <= 200 MB (every palisade run)', null, 'not measured');
  if (rfs && trivy)
    add(
      'rootfs no slower than trivy-cdxgen rootfs',
      rfs.wallMs <= trivy.wallMs,
      `${s(rfs.wallMs)} vs ${s(trivy.wallMs)} (ratio ${(rfs.wallMs / trivy.wallMs).toFixed(3)})`,
    );
  else add('rootfs no slower than trivy-cdxgen rootfs', null, 'not measured');
  // "does not grow with image size": ~8x the bytes may cost at most 10% + 16 MB more
  if (opts.big) {
    if (big && cold)
      add(
        'RSS flat with image size (1 GB vs app, <= +10% +16 MB)',
        big.peakRssBytes <= cold.peakRssBytes * 1.1 + 16 * MB,
        `${mb(big.peakRssBytes)} vs ${mb(cold.peakRssBytes)}`,
      );
    else add('RSS flat with image size (1 GB vs app, <= +10% +16 MB)', null, 'not measured');
  }
  return t;
}

function printTable(ts) {
  const head = ['case', 'tool', 'runs', 'wall (median)', 'peak RSS (median)', 'packages', 'vs peer'];
  const peerOf = {
    'palisade cold': 'cdxgen -t docker',
    'palisade warm': 'cdxgen -t docker',
    'palisade rootfs': 'trivy-cdxgen rootfs',
  };
  const lines = rows.map((r) => {
    if (r.unavailable !== undefined) return [r.label, r.tool, '-', r.unavailable, '', '', ''];
    if (r.failed) return [r.label, r.tool, '-', `FAILED ${r.failed}`, '', '', ''];
    const peer = peerOf[r.tool] && find(r.label, peerOf[r.tool]);
    return [
      r.label,
      r.tool,
      String(r.runs),
      `${(r.wallMs / 1000).toFixed(3)} s`,
      `${(r.peakRssBytes / MB).toFixed(1)} MB`,
      r.packages === undefined ? '?' : String(r.packages),
      peer
        ? `${(r.wallMs / peer.wallMs).toFixed(3)}x time, ${(r.peakRssBytes / peer.peakRssBytes).toFixed(2)}x RSS`
        : '',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (l) =>
    l
      .map((c, i) => (c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
  console.log('\nTargets (issue 2):');
  for (const t of ts)
    console.log(`  [${t.met === null ? 'n/a ' : t.met ? 'MET ' : 'MISS'}] ${t.name}: ${t.detail}`);
}

try {
  await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const ts = targets();
if (opts.json) {
  console.log(
    JSON.stringify(
      { runs: opts.runs, fixtures: fx ? fxDir : null, fixturesKey: fx?.key ?? null, rows, targets: ts },
      null,
      2,
    ),
  );
} else printTable(ts);
