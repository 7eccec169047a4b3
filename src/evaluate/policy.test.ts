import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../core/errors.js';
import { yamlResources } from './config-scan.js';
import { evaluate } from './engine.js';
import { loadPolicies } from './policy.js';

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: prod
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
  labels: {team: shop}
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: job
  namespace: dev
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: j
              image: docker.io/library/busybox:1
`;

const POLICIES = `policies:
  - id: ORG-001
    title: Workloads carry a team label
    severity: high
    match: { kinds: [Deployment], namespaces: [prod] }
    expression: has(object.metadata.labels) && "team" in object.metadata.labels
    message: workload has no team label
  - id: ORG-002
    severity: medium
    match: { kinds: [Deployment, CronJob] }
    expression: >
      podSpec.containers.all(c, c.image.startsWith("registry.example.com/"))
    message: images must come from the company registry
  - id: ORG-003
    severity: low
    match: { kinds: [Deployment] }
    expression: object.spec.replicas + 1 > 2
    message: at least two replicas
`;

describe('custom CEL policies', () => {
  it('match kinds and namespaces, see podSpec for every workload kind, and do int arithmetic', () => {
    const checks = loadPolicies(POLICIES, 'org.yaml');
    const res = evaluate(yamlResources(MANIFESTS, 'app.yaml', []), checks);
    assert.deepEqual(res.warnings, []);
    assert.deepEqual(
      res.findings.map((f) => [f.id, f.resource, f.severity, f.description]),
      [
        ['ORG-001', 'Deployment/prod/api', 'high', 'workload has no team label'],
        ['ORG-003', 'Deployment/prod/api', 'low', 'at least two replicas'],
        ['ORG-002', 'CronJob/dev/job', 'medium', 'images must come from the company registry'],
      ],
    );
    assert.equal(res.findings[0]!.location?.line, 1);
  });

  it('reports compile errors with the file, line, policy id and position in the expression', () => {
    const bad = 'policies:\n  - id: ORG-009\n    expression: object.metadata.( == 1\n';
    assert.throws(
      () => loadPolicies(bad, 'org.yaml'),
      (e: unknown) =>
        isPalisadeError(e) && /^CEL policy ORG-009 \(org\.yaml:3\): .+ at expression 1:17$/.test(e.message),
    );
    assert.throws(
      () => loadPolicies('policies:\n  - id: ORG-010\n    expression: 1 + "a"\n', 'org.yaml'),
      (e: unknown) => isPalisadeError(e) && /ORG-010 \(org\.yaml:3\)/.test(e.message),
    );
  });

  it('rejects malformed policies with a one-line error', () => {
    const cases: [string, RegExp][] = [
      [
        'policies:\n  - id: bad\n    expression: "true"\n',
        /org\.yaml:2: policy id "bad" must look like ORG-001/,
      ],
      ['policies:\n  - id: ORG-1\n', /policy ORG-1 has no expression/],
      ['policies:\n  - id: ORG-1\n    expression: "true"\n    severity: urgent\n', /severity "urgent"/],
      [
        'policies:\n  - {id: ORG-1, expression: "true"}\n  - {id: ORG-1, expression: "true"}\n',
        /defined twice/,
      ],
    ];
    for (const [text, re] of cases) assert.throws(() => loadPolicies(text, 'org.yaml'), re);
  });

  it('an evaluation error (missing field) is a warning naming the policy, not a crash', () => {
    const checks = loadPolicies(
      'policies:\n  - id: ORG-004\n    expression: object.spec.nope == 1\n',
      'org.yaml',
    );
    const res = evaluate(yamlResources(MANIFESTS, 'app.yaml', []), checks);
    assert.equal(res.findings.length, 0);
    assert.equal(res.warnings.length, 3);
    assert.match(res.warnings[0]!.message, /^check ORG-004 failed on Deployment\/prod\/api \(app\.yaml\): /);
  });
});
