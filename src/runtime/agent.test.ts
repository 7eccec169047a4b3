import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Agent } from './agent.js';
import { createOutput } from './alerts/outputs/index.js';
import { EvidenceStore } from './evidence/store.js';
import { parseEventLines } from './replay.js';
import { loadRuleFiles } from './rules/ruleset.js';

const td = (f: string) => fileURLToPath(new URL(`rules/testdata/${f}`, import.meta.url));

test('agent pipeline: events → rules → dedup → outputs, evidence for Warning and above', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-agent-'));
  try {
    const rules = loadRuleFiles([{ name: 'tuning.yaml', text: readFileSync(td('tuning.yaml'), 'utf8') }]);
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const store = new EvidenceStore(join(dir, 'rt.db'));
    const agent = new Agent({
      rules,
      sensors: [],
      dockerHost: 'none',
      outputs: [createOutput('stdout', out)],
      store,
      throttle: { dedupWindowMs: 60_000, ratePerMin: 0 },
      recordPath: join(dir, 'rec.jsonl'),
    });
    const { events } = parseEventLines(readFileSync(td('events.jsonl'), 'utf8'));
    for (const e of events) agent.push(structuredClone(e));
    for (const e of events.slice(0, 1)) agent.push(structuredClone(e)); // the same shell again: folded
    await agent.idle();
    const s = agent.stats();
    assert.equal(s.events, events.length + 1);
    assert.equal(s.matches, 8);
    assert.equal(s.alerts, 7);
    assert.equal(s.deduplicated, 1);
    assert.deepEqual(s.eventsByType, { execve: 6, openat: 4, connect: 4, k8s_audit: 2 });
    const alerts = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { rule: string; priority: string });
    assert.equal(alerts.length, 7);
    await agent.stop();
    store.close();
    // Warning and above (Shell, Sensitive open) get evidence; Notice (Outbound, audit) do not
    const r = new EvidenceStore(join(dir, 'rt.db'), { readonly: true });
    assert.deepEqual(
      r
        .query()
        .map((x) => x.alert.rule)
        .sort(),
      ['Sensitive open', 'Sensitive open', 'Sensitive open', 'Shell in container', 'Shell in container'],
    );
    r.close();
    // the recording replays to the same events
    assert.equal(
      parseEventLines(readFileSync(join(dir, 'rec.jsonl'), 'utf8')).events.length,
      events.length + 1,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
