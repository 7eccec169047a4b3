import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RuntimeEvent } from '../event.js';
import { builtinRuleFile } from '../rules/builtin.js';
import { RuleEngine } from '../rules/engine.js';
import { loadRuleFiles } from '../rules/ruleset.js';
import { auditEventsFromBody, K8sAuditSensor } from './k8s-audit.js';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

const eventList = {
  kind: 'EventList',
  apiVersion: 'audit.k8s.io/v1',
  items: [
    {
      kind: 'Event',
      auditID: 'a1',
      stage: 'ResponseComplete',
      verb: 'create',
      requestURI: '/api/v1/namespaces/prod/pods/web-0/exec?command=sh',
      user: { username: 'alice', groups: ['system:authenticated'] },
      objectRef: { resource: 'pods', subresource: 'exec', namespace: 'prod', name: 'web-0' },
      stageTimestamp: '2026-01-01T00:00:00Z',
    },
    {
      kind: 'Event',
      auditID: 'a2',
      verb: 'create',
      user: { username: 'bob' },
      objectRef: { resource: 'deployments', namespace: 'prod', name: 'miner' },
      requestObject: {
        kind: 'Deployment',
        spec: {
          template: {
            spec: {
              hostPID: true,
              containers: [{ name: 'c', image: 'x:1', securityContext: { privileged: true } }],
            },
          },
        },
      },
    },
  ],
};

test('audit bodies: EventList, single Event, JSON lines; garbage is an error', () => {
  assert.equal(auditEventsFromBody(JSON.stringify(eventList)).length, 2);
  assert.equal(auditEventsFromBody(JSON.stringify(eventList.items[0])).length, 1);
  assert.equal(auditEventsFromBody(eventList.items.map((i) => JSON.stringify(i)).join('\n')).length, 2);
  assert.throws(() => auditEventsFromBody('{"hello": 1}'), /neither/);
});

test(
  'HTTPS audit webhook feeds k8s_audit rules',
  { skip: hasOpenssl ? false : 'openssl not installed' },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-ka-'));
    try {
      const r = spawnSync('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ]);
      assert.equal(r.status, 0, r.stderr?.toString());
      const s = new K8sAuditSensor({
        listen: '127.0.0.1:0',
        certFile: join(dir, 'c.pem'),
        keyFile: join(dir, 'k.pem'),
      });
      const got: RuntimeEvent[] = [];
      await s.start({ emit: (e) => got.push(e), notice: () => undefined });
      const post = (body: string) =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: s.address!.port,
              path: '/k8s-audit',
              method: 'POST',
              ca: readFileSync(join(dir, 'c.pem')),
              headers: { 'content-type': 'application/json' },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      assert.equal(await post(JSON.stringify(eventList)), 200);
      assert.equal(await post('not json'), 400);
      await s.stop();
      const engine = new RuleEngine(loadRuleFiles([builtinRuleFile()]));
      const rules = got.flatMap((e) => engine.process(e).map((m) => m.rule));
      assert.deepEqual(rules.sort(), [
        'K8s exec or attach into pod',
        'K8s pod with host namespaces or host path created',
        'K8s privileged pod created',
      ]);
      assert.deepEqual(s.stats(), { requests: 2, events: 2, rejected: 1, dropped: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
