import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseProcNet, parseProcNetAddr } from './proc-poll.js';
import { containerIdFromCgroup } from './procfs.js';

test('/proc/net addresses: IPv4, IPv6 and v4-mapped', () => {
  assert.deepEqual(parseProcNetAddr('0100007F:0D05'), { ip: '127.0.0.1', port: 3333 });
  assert.deepEqual(parseProcNetAddr('00000000000000000000000001000000:0050'), { ip: '::1', port: 80 });
  assert.deepEqual(parseProcNetAddr('0000000000000000FFFF00000100007F:1F90'), {
    ip: '127.0.0.1',
    port: 8080,
  });
});

test('/proc/net/tcp rows', () => {
  const t = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0D05 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0
   1: 0100007F:C350 0100007F:0D05 01 00000000:00000000 00:00000000 00000000     0        0 12346 1 0000000000000000 20 4 30 10 -1`;
  const rows = parseProcNet(t, false);
  assert.deepEqual(
    rows.map((r) => [r.state, r.local.port, r.remote.port, r.inode]),
    [
      [10, 3333, 0, '12345'],
      [1, 50000, 3333, '12346'],
    ],
  );
});

test('container ids from cgroup paths of docker, systemd and CRI layouts', () => {
  const id = 'a'.repeat(64);
  assert.equal(containerIdFromCgroup(`/docker/${id}`), id);
  assert.equal(containerIdFromCgroup(`docker-${id}.scope`), id);
  assert.equal(containerIdFromCgroup(`cri-containerd-${id}.scope`), id);
  assert.equal(containerIdFromCgroup('a'.repeat(63)), 'a'.repeat(63));
  assert.equal(containerIdFromCgroup('41a9a41c268a4380a992b1674e0ba9f6'), undefined);
  assert.equal(containerIdFromCgroup('user.slice'), undefined);
});
