import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { RegistryClient } from './client.js';
import { isLoopback, readBody, retryAfterMs, Transport } from './transport.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];
after(() => servers.forEach((s) => s.close()));

async function serve(h: Handler): Promise<string> {
  const s = http.createServer(h);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(s.address() as AddressInfo).port}`;
}

test('Retry-After in seconds or as an HTTP date; loopback detection', () => {
  assert.equal(retryAfterMs('3'), 3000);
  assert.ok(retryAfterMs(new Date(Date.now() + 10_000).toUTCString())! > 8000);
  assert.equal(retryAfterMs('soon'), undefined);
  assert.ok(isLoopback('127.3.4.5:5000') && isLoopback('localhost:80') && isLoopback('[::1]:5000'));
  assert.ok(
    !isLoopback('128.0.0.1') && !isLoopback('registry.example') && !isLoopback('127.0.0.1.example.com'),
  );
});

test('plain HTTP only for loopback and --insecure-registry hosts; others are https without probing', async () => {
  const t = new Transport({ insecureRegistries: ['registry.internal:5000'] });
  try {
    assert.equal(await t.baseUrl('registry.example'), 'https://registry.example');
    assert.ok(t.mayUseHttp('registry.internal:5000') && !t.mayUseHttp('registry.internal:5001'));
    const host = await serve((_q, s) => s.writeHead(200).end('{}'));
    assert.equal(await t.baseUrl(host), `http://${host}`);
  } finally {
    t.close();
  }
});

test('429 with Retry-After and 503 are retried; a lasting failure names the attempts', async () => {
  let n = 0;
  const host = await serve((_q, s) => {
    n++;
    if (n === 1) s.writeHead(429, { 'Retry-After': '0' }).end();
    else if (n === 2) s.writeHead(503).end();
    else s.writeHead(200).end('ok');
  });
  const waits: number[] = [];
  const t = new Transport({ backoffMs: 1, sleep: async (ms) => void waits.push(ms) });
  try {
    const r = await t.request(new URL(`http://${host}/x`));
    assert.equal((await readBody(r, 100, 'x')).toString(), 'ok');
    assert.equal(waits[0], 0);
    assert.equal(t.counters.retries, 2);
    const bad = await serve((_q, s) => s.writeHead(500).end());
    await assert.rejects(
      t.request(new URL(`http://${bad}/y`), { attempts: 2 }),
      /\/y: HTTP 500 \(after 2 attempts\)/,
    );
  } finally {
    t.close();
  }
});

test('redirects to another host drop the Authorization header', async () => {
  let seen: string | undefined = 'unset';
  const target = await serve((q, s) => {
    seen = q.headers.authorization;
    s.writeHead(200).end('blob');
  });
  const origin = await serve((_q, s) =>
    s.writeHead(307, { Location: `http://${target.replace('127.0.0.1', 'localhost')}/b` }).end(),
  );
  const t = new Transport();
  try {
    const r = await t.request(new URL(`http://${origin}/a`), { headers: { Authorization: 'Bearer secret' } });
    assert.equal((await readBody(r, 100, 'x')).toString(), 'blob');
    assert.equal(seen, undefined);
  } finally {
    t.close();
  }
});

function blobServer(blob: Buffer, opts: { ranges: boolean; dropAt?: number }): Handler {
  let dropped = false;
  return (q, s) => {
    const m = /bytes=(\d+)-/.exec(q.headers.range ?? '');
    if (m && opts.ranges) {
      const start = Number(m[1]);
      s.writeHead(206, {
        'Content-Range': `bytes ${start}-${blob.length - 1}/${blob.length}`,
        'Content-Length': blob.length - start,
      });
      s.end(blob.subarray(start));
      return;
    }
    s.writeHead(200, { 'Content-Length': blob.length });
    if (opts.dropAt !== undefined && !dropped) {
      dropped = true;
      s.write(blob.subarray(0, opts.dropAt), () => s.socket?.destroy());
      return;
    }
    s.end(blob);
  };
}

async function drain(r: NodeJS.ReadableStream): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of r) out.push(c as Buffer);
  return Buffer.concat(out);
}

test('a blob cut mid-transfer is resumed with Range (206), or re-read and skipped when ranges are unsupported (200)', async () => {
  const blob = Buffer.from(Uint8Array.from({ length: 300_000 }, (_, i) => i % 251));
  for (const ranges of [true, false]) {
    const host = await serve(blobServer(blob, { ranges, dropAt: 100_000 }));
    const t = new Transport({ backoffMs: 1 });
    try {
      const c = new RegistryClient(host, { transport: t });
      const got = await drain(c.openBlob('ns/app', `sha256:${'0'.repeat(64)}`, blob.length));
      assert.ok(got.equals(blob), `ranges=${ranges}`);
      assert.equal(t.counters.resumes, 1);
    } finally {
      t.close();
    }
  }
});

test('a blob larger than its descriptor says is cut off', async () => {
  const blob = Buffer.alloc(10_000, 1);
  const host = await serve(blobServer(blob, { ranges: true }));
  const t = new Transport();
  try {
    const c = new RegistryClient(host, { transport: t });
    await assert.rejects(
      drain(c.openBlob('ns/app', `sha256:${'1'.repeat(64)}`, 5_000)),
      /larger than the 5000 bytes the manifest declares/,
    );
  } finally {
    t.close();
  }
});

test('tags/list follows Link rel="next" pagination', async () => {
  const host = await serve((q, s) => {
    const u = new URL(q.url!, 'http://x');
    const last = u.searchParams.get('last');
    if (!last)
      s.writeHead(200, { Link: '</v2/ns/app/tags/list?n=2&last=b>; rel="next"' }).end('{"tags":["a","b"]}');
    else if (last === 'b')
      s.writeHead(200, { Link: '</v2/ns/app/tags/list?n=2&last=d>; rel="next"' }).end('{"tags":["c","d"]}');
    else s.writeHead(200).end('{"tags":["e"]}');
  });
  const t = new Transport();
  try {
    const c = new RegistryClient(host, { transport: t });
    const tags: string[] = [];
    for await (const x of c.tags('ns/app', 2)) tags.push(x);
    assert.deepEqual(tags, ['a', 'b', 'c', 'd', 'e']);
  } finally {
    t.close();
  }
});
