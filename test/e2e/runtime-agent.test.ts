// Runtime agent against real components: bpftrace (eBPF tracepoints), a private dockerd, the test image.
// CI provides them through .ci/setup.d/50-runtime.sh (PALISADE_E2E_DOCKER_HOST, PALISADE_E2E_RUNTIME_IMAGE).
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { captureIO } from '../../src/cli/capture-io.js';
import { main } from '../../src/cli/main.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOST = process.env.PALISADE_E2E_DOCKER_HOST;
const IMAGE = process.env.PALISADE_E2E_RUNTIME_IMAGE;

function why(): string | false {
  if (process.getuid?.() !== 0) return 'runtime e2e needs root';
  if (!HOST || !IMAGE)
    return 'PALISADE_E2E_DOCKER_HOST / PALISADE_E2E_RUNTIME_IMAGE not set (see .ci/setup.d/50-runtime.sh)';
  if (spawnSync('docker', ['version'], { env: { ...process.env, DOCKER_HOST: HOST } }).status !== 0)
    return `no docker engine at ${HOST}`;
  if (spawnSync('bpftrace', ['--version']).status !== 0) return 'bpftrace not installed';
  return false;
}
const SKIP = why();

function docker(...args: string[]): string {
  const r = spawnSync('docker', args, {
    env: { ...process.env, DOCKER_HOST: HOST },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

interface AgentProc {
  child: ChildProcess;
  stderr: () => string;
  dir: string;
}

async function startAgent(extra: string[]): Promise<AgentProc> {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-agent-e2e-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'test/e2e/runtime/cli.ts'),
      'agent',
      '--docker-host',
      HOST!,
      '--db',
      join(dir, 'runtime.db'),
      '-o',
      `file:${join(dir, 'alerts.jsonl')}`,
      '--record',
      join(dir, 'events.jsonl'),
      '--stats-file',
      join(dir, 'stats.json'),
      '--drift-keep-dir',
      join(dir, 'drift'),
      ...extra,
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (err += d));
  const t0 = Date.now();
  while (!/ready: sensors/.test(err)) {
    if (child.exitCode !== null) throw new Error(`agent exited: ${err}`);
    if (Date.now() - t0 > 240_000) throw new Error(`agent not ready after 240s: ${err}`);
    await sleep(250);
  }
  return { child, stderr: () => err, dir };
}

async function stopAgent(a: AgentProc | undefined): Promise<void> {
  if (!a || a.child.exitCode !== null) return;
  const done = new Promise((r) => a.child.once('exit', r));
  a.child.kill('SIGINT');
  await Promise.race([done, sleep(30_000)]);
  if (a.child.exitCode === null) a.child.kill('SIGKILL');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface AlertLine {
  rule: string;
  output: string;
  container?: { id: string; image?: string; name?: string } | null;
  proc?: { sha256?: string };
}
function alerts(dir: string): AlertLine[] {
  const f = join(dir, 'alerts.jsonl');
  if (!existsSync(f)) return [];
  return readFileSync(f, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AlertLine);
}

async function waitFor(dir: string, pred: (a: AlertLine[]) => boolean, ms = 30_000): Promise<AlertLine[]> {
  const t0 = Date.now();
  for (;;) {
    const a = alerts(dir);
    if (pred(a) || Date.now() - t0 > ms) return a;
    await sleep(250);
  }
}

describe('runtime agent with eBPF and a real dockerd', { skip: SKIP }, () => {
  let agent: AgentProc | undefined;
  let quiet = '';
  let act = '';
  let quietStarted = 0;

  before(async () => {
    agent = await startAgent(['--dedup-window', '0', '--rate-limit', '0']);
    quiet = docker('run', '-d', '--network', 'none', IMAGE!, 'sleep', 'infinity');
    quietStarted = Date.now();
    act = docker(
      'run',
      '-d',
      '--network',
      'none',
      '--add-host',
      'pool.supportxmr.com:127.0.0.1',
      IMAGE!,
      'sleep',
      'infinity',
    );
    await sleep(1000);
  });

  after(async () => {
    await stopAgent(agent);
    for (const c of [quiet, act])
      if (c) spawnSync('docker', ['rm', '-f', c], { env: { ...process.env, DOCKER_HOST: HOST } });
    if (agent) rmSync(agent.dir, { recursive: true, force: true });
  });

  const expectRule = async (rule: string, action: () => void) => {
    action();
    const got = await waitFor(agent!.dir, (a) => a.some((x) => x.rule === rule && x.container?.id === act));
    const hit = got.find((x) => x.rule === rule && x.container?.id === act);
    assert.ok(
      hit,
      `${rule} did not fire; alerts: ${got.map((x) => `${x.rule}@${x.container?.id?.slice(0, 12)}`).join(', ')}\n${agent!.stderr()}`,
    );
    // the image as the container was run from (what docker run was given)
    assert.equal(hit.container?.image, IMAGE);
    return hit;
  };

  test('docker exec … sh fires "Shell spawned in container" with container id and image', async () => {
    await expectRule('Shell spawned in container', () => docker('exec', act, 'sh', '-c', 'true'));
  });

  test('cat /etc/shadow fires "Sensitive file read in container"', async () => {
    const a = await expectRule('Sensitive file read in container', () =>
      docker('exec', act, 'cat', '/etc/shadow'),
    );
    assert.match(a.output, /file=\/etc\/shadow/);
  });

  test('writing to /usr/bin fires "Write below binary directory"', async () => {
    const a = await expectRule('Write below binary directory', () =>
      docker('exec', act, 'sh', '-c', 'echo x > /usr/bin/dropped-tool'),
    );
    assert.match(a.output, /file=\/usr\/bin\/dropped-tool/);
  });

  test('a binary copied in after start fires drift with its sha256', async () => {
    docker('cp', '/bin/true', `${act}:/tmp/implant`);
    const a = await expectRule('Drift detected (executable not in image)', () =>
      docker('exec', act, '/tmp/implant'),
    );
    assert.match(a.proc?.sha256 ?? '', /^[0-9a-f]{64}$/);
    // and its bytes are kept, named by that hash
    assert.ok(existsSync(join(agent!.dir, 'drift', a.proc!.sha256!)), 'drifted executable not kept');
  });

  test('package manager in a running container fires', async () => {
    await expectRule('Package manager run in container', () => docker('exec', act, 'apt-get', '--version'));
  });

  test('connecting to a local listener on port 3333 named like a pool fires the mining rule', async () => {
    docker(
      'exec',
      '-d',
      act,
      'perl',
      '-MIO::Socket::INET',
      '-e',
      '$s=IO::Socket::INET->new(LocalAddr=>"127.0.0.1",LocalPort=>3333,Listen=>5,ReuseAddr=>1) or die; while($c=$s->accept){close $c}',
    );
    await sleep(1500);
    const a = await expectRule('Outbound connection to mining pool', () =>
      docker('exec', act, 'bash', '-c', 'exec 3<>/dev/tcp/pool.supportxmr.com/3333; echo hi >&3'),
    );
    assert.match(a.output, /port=3333/);
    assert.match(a.output, /pool\.supportxmr\.com/);
  });

  test('a quiet container produces no alerts for 60 s', async () => {
    const left = 60_000 - (Date.now() - quietStarted);
    if (left > 0) await sleep(left);
    const q = alerts(agent!.dir).filter((a) => a.container?.id === quiet);
    assert.deepEqual(
      q.map((a) => a.output),
      [],
    );
  });

  test('evidence outlives the container and is queryable with `palisade events`', async () => {
    docker('rm', '-f', act);
    await sleep(1500);
    const io = captureIO();
    assert.equal(
      await main(
        [
          'events',
          '--db',
          join(agent!.dir, 'runtime.db'),
          '--container',
          act.slice(0, 12),
          '--json',
          '-n',
          '500',
        ],
        io,
      ),
      0,
      io.err(),
    );
    const rows = io
      .out()
      .split('\n')
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as {
            alert: AlertLine;
            evidence?: {
              ancestry: unknown[];
              container: { id: string };
              recentEvents: unknown[];
              files: unknown[];
            };
          },
      );
    const rules = new Set(rows.map((r) => r.alert.rule));
    for (const r of [
      'Shell spawned in container',
      'Sensitive file read in container',
      'Drift detected (executable not in image)',
    ])
      assert.ok(rules.has(r), `${r} not stored: ${[...rules].join(', ')}`);
    const ev = rows.find((r) => r.alert.rule === 'Sensitive file read in container')!.evidence!;
    assert.equal(ev.container.id, act);
    assert.ok(ev.ancestry.length > 0);
    assert.ok(ev.recentEvents.length > 0);
  });

  test('the agent reports its counters, drops included', async () => {
    await stopAgent(agent);
    const stats = JSON.parse(readFileSync(join(agent!.dir, 'stats.json'), 'utf8')) as {
      events: number;
      queueDropped: number;
      sensorDropped: number;
      sensors: Record<string, { dropped: number; releasedKB?: number }>;
    };
    assert.ok(stats.events > 0);
    assert.equal(typeof stats.sensors.ebpf?.dropped, 'number');
    // bpftrace's compile-time LLVM pages were released after attach, and every rule above still fired
    assert.ok((stats.sensors.ebpf?.releasedKB ?? 0) > 10_000, `releasedKB ${stats.sensors.ebpf?.releasedKB}`);
    assert.equal(typeof stats.queueDropped, 'number');
  });
});

describe('runtime agent without eBPF (/proc fallback)', { skip: SKIP }, () => {
  let agent: AgentProc | undefined;
  let c = '';
  before(async () => {
    agent = await startAgent(['--no-ebpf', '--no-db']);
    c = docker('run', '-d', '--network', 'none', IMAGE!, 'sleep', 'infinity');
  });
  after(async () => {
    await stopAgent(agent);
    if (c) spawnSync('docker', ['rm', '-f', c], { env: { ...process.env, DOCKER_HOST: HOST } });
    if (agent) rmSync(agent.dir, { recursive: true, force: true });
  });

  test('still catches a shell in a container, marked as coming from the proc sensor', async () => {
    assert.match(agent!.stderr(), /sensor proc: .*LOWER FIDELITY/);
    docker('exec', c, 'sh', '-c', 'sleep 2');
    const got = await waitFor(agent!.dir, (a) =>
      a.some((x) => x.rule === 'Shell spawned in container' && x.container?.id === c),
    );
    const hit = got.find((x) => x.rule === 'Shell spawned in container' && x.container?.id === c);
    assert.ok(hit, `no shell alert: ${JSON.stringify(got)}\n${agent!.stderr()}`);
    assert.equal((hit as unknown as { sensor: string }).sensor, 'proc');
  });
});
