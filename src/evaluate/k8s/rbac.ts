// Helpers for the RBAC checks: rules of Roles/ClusterRoles and subjects of bindings.
import type { PathSeg, Resource, Violation } from '../engine.js';
import { arr, isObj, obj, str } from './resource.js';

export const ROLE_KINDS: readonly string[] = ['Role', 'ClusterRole'];
export const BINDING_KINDS: readonly string[] = ['RoleBinding', 'ClusterRoleBinding'];

export interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  path: PathSeg[];
}

export function rulesOf(r: Resource): Rule[] {
  const out: Rule[] = [];
  arr(obj(r.object).rules).forEach((x, i) => {
    if (!isObj(x)) return;
    out.push({
      apiGroups: arr(x.apiGroups).map(String),
      resources: arr(x.resources).map(String),
      verbs: arr(x.verbs).map(String),
      path: ['rules', i],
    });
  });
  return out;
}

/** true when the rule covers `resource` in the core or named group (wildcards do not count here). */
export function grants(
  rule: Rule,
  group: string,
  resources: readonly string[],
  verbs: readonly string[],
): string[] {
  if (!rule.apiGroups.includes(group)) return [];
  const hitRes = rule.resources.filter((x) => resources.includes(x));
  if (!hitRes.length) return [];
  const hitVerbs = rule.verbs.filter((v) => verbs.includes(v));
  return hitVerbs.length ? hitRes : [];
}

/** Runs `fn` over every rule of a Role/ClusterRole. */
export function eachRule(r: Resource, fn: (rule: Rule) => Violation | undefined): Violation[] {
  const out: Violation[] = [];
  for (const rule of rulesOf(r)) {
    const v = fn(rule);
    if (v) out.push(v);
  }
  return out;
}

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  path: PathSeg[];
}

export function subjectsOf(r: Resource): Subject[] {
  const out: Subject[] = [];
  arr(obj(r.object).subjects).forEach((s, i) => {
    if (!isObj(s)) return;
    const sub: Subject = { kind: str(s.kind) ?? '', name: str(s.name) ?? '', path: ['subjects', i] };
    const ns = str(s.namespace);
    if (ns) sub.namespace = ns;
    out.push(sub);
  });
  return out;
}

export function roleRefOf(r: Resource): { kind: string; name: string } {
  const ref = obj(obj(r.object).roleRef);
  return { kind: str(ref.kind) ?? '', name: str(ref.name) ?? '' };
}
