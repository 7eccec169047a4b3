import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { Alert } from '../alert.js';
import { Throttle } from '../throttle.js';
import { createOutput } from './index.js';
import { syslogMessage, SyslogOutput } from './syslog.js';
import { WebhookOutput } from './webhook.js';

const alert = (rule = 'R', priority = 'Warning'): Alert => ({
  time: '2026-01-01T00:00:00.000Z',
  rule,
  priority,
  source: 'syscall',
  output: `out ${rule}`,
  output_fields: {},
  tags: [],
  container: { id: 'abc' },
});

test('stdout output writes one JSON line per alert', () => {
  const s = new PassThrough();
  let got = '';
  s.on('data', (d) => (got += d));
  const o = createOutput('stdout', s);
  o.write(alert());
  assert.deepEqual(JSON.parse(got.trim()).rule, 'R');
  assert.throws(() => createOutput('ftp://x', s), /unknown output/);
});

test('webhook retries 5xx with backoff, then delivers', async () => {
  let calls = 0;
  const bodies: string[] = [];
  const srv = createServer((req, res) => {
    calls++;
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      if (calls <= 2) {
        res.writeHead(503).end();
        return;
      }
      bodies.push(b);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  const w = new WebhookOutput({ url: `http://127.0.0.1:${port}/hook`, backoffMs: 10, retries: 3 });
  w.write(alert('A'));
  await w.close();
  srv.close();
  assert.equal(calls, 3);
  assert.equal(JSON.parse(bodies[0]!).rule, 'A');
  assert.deepEqual(w.stats(), { sent: 1, failed: 0, dropped: 0, retries: 2, queued: 0 });
});

test('webhook queue is bounded: the oldest alerts are dropped and counted', async () => {
  const w = new WebhookOutput({
    url: 'http://127.0.0.1:9/unreachable',
    maxQueue: 5,
    retries: 0,
    timeoutMs: 200,
  });
  for (let i = 0; i < 50; i++) w.write(alert(`A${i}`));
  const s = w.stats();
  assert.ok(s.dropped >= 44, JSON.stringify(s));
  assert.ok(s.queued <= 5);
  await w.close();
});

test('syslog over UDP: RFC 5424 with the priority mapped to a severity', async () => {
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  const port = (sock.address() as AddressInfo).port;
  const got = new Promise<string>((r) => sock.once('message', (m) => r(m.toString())));
  const o = new SyslogOutput(`syslog://127.0.0.1:${port}`);
  o.write(alert('Shell', 'Critical'));
  const msg = await got;
  await o.close();
  sock.close();
  assert.match(msg, /^<10>1 2026-01-01T00:00:00.000Z \S+ palisade \d+ Shell - out Shell /);
  assert.match(syslogMessage(alert('x', 'Debug'), 'h'), /^<15>1 /);
});

test('throttle folds duplicates and rate-limits per rule and container, counting both', () => {
  const t = new Throttle({ dedupWindowMs: 1000, ratePerMin: 60, burst: 2 });
  assert.equal(t.admit('r', 'c1', 'same', 0), 0);
  assert.equal(t.admit('r', 'c1', 'same', 10), null); // duplicate
  assert.equal(t.admit('r', 'c1', 'other', 20), 1); // passes, carrying the folded one
  assert.equal(t.admit('r', 'c1', 'third', 30), null); // burst of 2 spent
  assert.equal(t.admit('r', 'c2', 'third', 30), 0); // another container has its own bucket
  assert.equal(t.admit('r', 'c1', 'fourth', 1030), 1); // a token came back after 1 s
  assert.deepEqual(t.stats, { passed: 4, deduplicated: 1, rateLimited: 1 });
});
