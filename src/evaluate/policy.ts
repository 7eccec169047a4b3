// Custom policies in CEL, the ValidatingAdmissionPolicy way: each policy's `expression` is true when
// a resource complies. A policy file is YAML (one or more documents):
//
//   policies:
//     - id: ORG-001                      # stable id, PREFIX-NNN; used in suppressions
//       title: Workloads carry a team label
//       severity: medium                 # critical | high | medium | low
//       match: { kinds: [Deployment, StatefulSet], namespaces: [prod] }
//       expression: has(object.metadata.labels) && "team" in object.metadata.labels
//       message: workload has no team label
//       remediation: add metadata.labels.team
//
// Variables: object, kind, name, namespace, and for Kubernetes workloads podSpec and podMeta (the pod
// template's spec and metadata, whatever the workload kind). Errors name the file, line and policy.
import { PalisadeError } from '../core/errors.js';
import { SEVERITIES, type Severity } from '../core/types.js';
import { compileCheck, type CelCheck, type Resource } from './engine.js';
import { arr, isObj, podOf, str } from './k8s/resource.js';
import { loadYaml } from './yaml-source.js';

const ID_RE = /^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*-\d+$/;

export function policyVariables(r: Resource): Record<string, unknown> {
  const pod = podOf(r);
  return {
    object: r.object,
    kind: r.kind,
    name: r.name ?? null,
    namespace: r.namespace ?? null,
    podSpec: pod?.spec ?? null,
    podMeta: pod?.meta ?? null,
  };
}

/** Parses and compiles a policy file; throws PalisadeError('INPUT') naming file, line and policy. */
export function loadPolicies(text: string, file: string): CelCheck[] {
  const { docs, warnings } = loadYaml(text, file);
  if (warnings.length) throw new PalisadeError('INPUT', `policy file ${warnings[0]!.message}`);
  const out: CelCheck[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    const v = doc.value;
    const list: [unknown, (string | number)[]][] =
      isObj(v) && Array.isArray(v.policies)
        ? v.policies.map((p, i) => [p, ['policies', i]])
        : Array.isArray(v)
          ? v.map((p, i) => [p, [i]])
          : [[v, []]];
    for (const [p, path] of list) {
      const line = doc.locate(path)?.line ?? doc.line;
      const where = `${file}:${line}`;
      if (!isObj(p)) throw new PalisadeError('INPUT', `${where}: a policy must be a mapping`);
      const id = str(p.id);
      if (!id || !ID_RE.test(id))
        throw new PalisadeError(
          'INPUT',
          `${where}: policy id "${String(p.id ?? '')}" must look like ORG-001`,
        );
      if (seen.has(id)) throw new PalisadeError('INPUT', `${where}: policy id ${id} is defined twice`);
      seen.add(id);
      const expression = str(p.expression);
      if (!expression?.trim()) throw new PalisadeError('INPUT', `${where}: policy ${id} has no expression`);
      const severity = (str(p.severity) ?? 'medium').toLowerCase();
      if (!SEVERITIES.includes(severity as Severity))
        throw new PalisadeError(
          'INPUT',
          `${where}: policy ${id} has severity "${severity}"; use ${SEVERITIES.join(', ')}`,
        );
      const match = isObj(p.match) ? p.match : {};
      const kinds = arr(match.kinds).map(String);
      const namespaces = arr(match.namespaces).map(String);
      const exprLine = doc.locate([...path, 'expression'])?.line ?? line;
      const title = str(p.title) ?? str(p.name) ?? id;
      const check: CelCheck = {
        id,
        title,
        severity: severity as Severity,
        kinds: kinds.length ? kinds : ['*'],
        message: str(p.message) ?? title,
        remediation: str(p.remediation) ?? '',
        frameworks: {},
        expression,
        source: `${file}:${exprLine}`,
        pack: file,
        variables: policyVariables,
      };
      if (namespaces.length) check.namespaces = namespaces;
      const desc = str(p.description);
      if (desc) check.description = desc;
      compileCheck(check); // compile now: errors surface at load time, with the position
      out.push(check);
    }
  }
  return out;
}
