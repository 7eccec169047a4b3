import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { yamlResources } from './config-scan.js';
import { dockerfileResource } from './dockerfile/resource.js';
import { dockerfileChecks } from './dockerfile/index.js';
import { evaluate } from './engine.js';
import { k8sChecks } from './k8s/index.js';
import { parseIgnoreSpec, scanInlineIgnores } from './suppress.js';

describe('suppressions', () => {
  it('parses ignore specs: several ids, reasons, several entries', () => {
    assert.deepEqual(parseIgnoreSpec('PAL-K8S-012 reason=CNI needs it; PAL-K8S-001,PAL-K8S-002'), [
      { ids: ['PAL-K8S-012'], reason: 'CNI needs it' },
      { ids: ['PAL-K8S-001', 'PAL-K8S-002'] },
    ]);
    assert.deepEqual(parseIgnoreSpec('not-an-id reason=x'), []);
  });

  it('maps trailing comments to their line and comment lines to the next content line', () => {
    const m = scanInlineIgnores(
      'a: 1 # palisade:ignore PAL-K8S-001\n# palisade:ignore PAL-K8S-002 reason=ok\n\n# other\nb: 2\n',
    );
    assert.deepEqual(
      [...m.entries()],
      [
        [1, [{ ids: ['PAL-K8S-001'] }]],
        [5, [{ ids: ['PAL-K8S-002'], reason: 'ok' }]],
      ],
    );
  });

  it('annotation, inline comment and document comment suppress Kubernetes findings; they are counted, not lost', () => {
    const yaml = `# palisade:ignore PAL-K8S-046 reason=writes to /tmp
apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
  annotations:
    palisade.dev/ignore: "PAL-K8S-015 reason=legacy image; PAL-K8S-017"
spec:
  containers:
    - name: c
      image: nginx:1.27
      securityContext:
        privileged: true # palisade:ignore PAL-K8S-001 reason=needs devices
`;
    const rs = yamlResources(yaml, 'pod.yaml', []);
    const res = evaluate(rs, k8sChecks);
    const by = Object.fromEntries(res.suppressed.map((s) => [s.id, s.suppression]));
    assert.deepEqual(by['PAL-K8S-001'], { by: 'inline comment palisade:ignore', reason: 'needs devices' });
    assert.deepEqual(by['PAL-K8S-015'], { by: 'annotation palisade.dev/ignore', reason: 'legacy image' });
    assert.deepEqual(by['PAL-K8S-017'], { by: 'annotation palisade.dev/ignore' });
    assert.deepEqual(by['PAL-K8S-046'], { by: 'inline comment palisade:ignore', reason: 'writes to /tmp' });
    for (const id of ['PAL-K8S-001', 'PAL-K8S-015', 'PAL-K8S-017', 'PAL-K8S-046'])
      assert.ok(!res.findings.some((f) => f.id === id), `${id} still reported`);
    assert.ok(
      res.findings.some((f) => f.id === 'PAL-K8S-014'),
      'other checks still report',
    );
  });

  it('inline comment above a Dockerfile instruction suppresses that instruction only', () => {
    const text =
      'FROM alpine:3.20\n# palisade:ignore PAL-DF-011 reason=tiny\nRUN apk add curl\nRUN apk add git\nUSER 1\n';
    const res = evaluate([dockerfileResource(text, 'Dockerfile')], dockerfileChecks);
    assert.deepEqual(
      res.suppressed.map((s) => [s.id, s.location?.line]),
      [['PAL-DF-011', 3]],
    );
    assert.deepEqual(
      res.findings.filter((f) => f.id === 'PAL-DF-011').map((f) => f.location?.line),
      [4],
    );
  });

  it('external suppressors (the project ignore file) apply after inline ones', () => {
    const text = 'FROM alpine:3.20\nRUN apk add curl\n';
    const res = evaluate([dockerfileResource(text, 'Dockerfile')], dockerfileChecks, {
      suppressors: [{ name: '.palisadeignore', match: (f) => (f.id === 'PAL-DF-001' ? {} : undefined) }],
    });
    assert.deepEqual(
      res.suppressed.map((s) => [s.id, s.suppression.by]),
      [['PAL-DF-001', '.palisadeignore']],
    );
  });
});
