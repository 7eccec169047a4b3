import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BpftraceDecoder, type BpfRecord } from './bpftrace-decoder.js';
import { bpftraceProgram } from './bpftrace-program.js';

function decodeAll() {
  const d = new BpftraceDecoder({ useProc: false, now: () => 1_700_000_000_000 });
  const lines = readFileSync(
    fileURLToPath(new URL('testdata/bpftrace.jsonl', import.meta.url)),
    'utf8',
  ).split('\n');
  const out = [];
  for (const l of lines) {
    if (!l) continue;
    const m = JSON.parse(l) as { type: string; data: unknown };
    if (m.type !== 'value') continue;
    const e = d.decode(m.data as BpfRecord);
    if (e) out.push(e);
  }
  return out;
}

test('decodes exec records with argv and ancestry; failed execs are dropped', () => {
  const ev = decodeAll();
  const execs = ev.filter((e) => e.type === 'execve');
  assert.deepEqual(
    execs.map((e) => [
      e.proc?.pid,
      e.proc?.name,
      e.proc?.args?.join(' '),
      e.proc?.ancestors?.map((a) => a.name),
    ]),
    [
      [5001, 'sh', 'sh -c cat /etc/shadow', []],
      [5002, 'cat', 'cat /etc/shadow', ['sh']],
    ],
  );
  assert.equal(execs[1]!.cgroup, '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde');
  assert.equal(execs[1]!.proc?.exepath, '/usr/bin/cat');
});

test('decodes opens, connects, listens, ptrace, chmod, mount and setns with Falco argument text', () => {
  const ev = decodeAll();
  const by = (t: string) => ev.filter((e) => e.type === t);
  const [read, write] = by('openat');
  assert.deepEqual(read!.fd, {
    num: 3,
    name: '/etc/shadow',
    type: 'file',
    openFlags: 'O_RDONLY|O_CLOEXEC',
    isWrite: false,
    isRead: true,
  });
  assert.equal(write!.fd?.openFlags, 'O_WRONLY|O_CREAT|O_TRUNC');
  assert.equal(write!.proc?.name, 'sh');
  const c = by('connect')[0]!;
  assert.deepEqual([c.fd?.sip, c.fd?.sport, c.res, c.fd?.type], ['127.0.0.1', 3333, -115, 'ipv4']);
  const l = by('listen')[0]!;
  assert.deepEqual([l.fd?.sip, l.fd?.sport], ['127.0.0.1', 3333]);
  assert.deepEqual(by('ptrace')[0]!.args, { request: 'PTRACE_ATTACH', pid: 5001 });
  assert.equal(
    by('fchmodat')[0]!.args?.mode,
    'S_ISUID|S_IRUSR|S_IWUSR|S_IXUSR|S_IRGRP|S_IXGRP|S_IROTH|S_IXOTH(04755)',
  );
  assert.deepEqual(by('mount')[0]!.args, { dir: '/mnt/host', dev: '/dev/sda1', type: 'ext4', flags: 0 });
  assert.equal(by('setns')[0]!.args?.flags, 'CLONE_NEWNET');
});

test('the generated program skips syscalls the kernel lacks and never traces the agent itself', () => {
  const p = bpftraceProgram({
    excludePid: 4242,
    available: new Set(['execve', 'openat']),
    cgroupSubsysId: 4,
  });
  assert.match(p, /sys_enter_execve \/pid != 4242\//);
  assert.doesNotMatch(p, /init_module|sys_enter_connect/);
  assert.match(p, /subsys\[4\]->cgroup->kn->name/);
  assert.match(bpftraceProgram({ excludePid: 1 }), /dfl_cgrp->kn->name/);
});
