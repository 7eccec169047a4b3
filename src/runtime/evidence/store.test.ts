import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Alert } from '../alerts/alert.js';
import type { RuntimeEvent } from '../event.js';
import { buildEvidence } from './evidence.js';
import { RecentEvents } from './recent.js';
import { EvidenceStore } from './store.js';

const cont = { id: 'f'.repeat(64), name: 'web', image: 'nginx:1.25', imageDigest: 'sha256:abc' };
const alert = (rule: string, time: string, container = cont): Alert => ({
  time,
  rule,
  priority: 'Warning',
  source: 'syscall',
  output: `${rule} happened`,
  output_fields: {},
  tags: [],
  container,
  proc: { pid: 7, name: 'sh' },
});

test('evidence is stored durably and queried by container, rule, time and priority', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-store-'));
  try {
    const path = join(dir, 'rt.db');
    const s = new EvidenceStore(path);
    const recent = new RecentEvents(3);
    const e: RuntimeEvent = {
      ts: Date.parse('2026-01-01T00:00:00Z'),
      source: 'syscall',
      type: 'execve',
      proc: {
        pid: 999_999_999,
        name: 'sh',
        exepath: '/nonexistent/sh',
        args: ['sh', '-c', 'id'],
        ancestors: [{ pid: 1, name: 'runc', args: ['runc', 'init'] }],
      },
      container: cont,
    };
    for (let i = 0; i < 5; i++) recent.add({ ...e, ts: e.ts + i });
    const ev = await buildEvidence(e, recent.of(cont.id));
    assert.equal(ev.recentEvents.length, 3);
    assert.deepEqual(ev.ancestry, [{ pid: 1, name: 'runc', args: ['runc', 'init'], cmdline: 'runc init' }]);
    assert.deepEqual(ev.image, { ref: 'nginx:1.25', digest: 'sha256:abc' });
    assert.equal(ev.files[0]!.note, 'not readable (process gone)');
    s.add(alert('Shell', '2026-01-01T00:00:00.000Z'), ev);
    s.add(alert('Drift', '2026-01-02T00:00:00.000Z'));
    s.add(alert('Other', '2026-01-03T00:00:00.000Z', { ...cont, id: 'e'.repeat(64), name: 'db' }));
    s.close();

    const r = new EvidenceStore(path, { readonly: true });
    assert.deepEqual(
      r.query({ container: 'ffffffffffff' }).map((x) => x.alert.rule),
      ['Drift', 'Shell'],
    );
    assert.deepEqual(
      r.query({ container: 'db' }).map((x) => x.alert.rule),
      ['Other'],
    );
    assert.deepEqual(r.query({ rule: 'Shell' })[0]!.evidence?.process?.cmdline, 'sh -c id');
    assert.deepEqual(
      r.query({ since: Date.parse('2026-01-02T00:00:00Z') }).map((x) => x.alert.rule),
      ['Other', 'Drift'],
    );
    assert.equal(r.query({ priorities: ['Critical'] }).length, 0);
    assert.deepEqual(
      r
        .containers()
        .map((c) => c.name)
        .sort(),
      ['db', 'web'],
    );
    r.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
