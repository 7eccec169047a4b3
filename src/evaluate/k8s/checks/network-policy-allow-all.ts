import type { FunctionCheck, PathSeg, Violation } from '../../engine.js';
import { arr, isObj, obj, str } from '../resource.js';

const ANY_CIDR = new Set(['0.0.0.0/0', '::/0']);

/** A rule admits everyone when it has no peers, or a peer that matches every address or every pod. */
function openPeer(peers: unknown): boolean {
  if (peers === undefined || peers === null) return true;
  const list = arr(peers);
  if (list.length === 0) return true;
  return list.some((p) => {
    const o = obj(p);
    const ip = obj(o.ipBlock);
    if (ANY_CIDR.has(str(ip.cidr) ?? '') && arr(ip.except).length === 0) return true;
    const ns = o.namespaceSelector;
    return isObj(ns) && Object.keys(ns).length === 0 && o.podSelector === undefined;
  });
}

export const networkPolicyAllowAll: FunctionCheck = {
  id: 'PAL-K8S-045',
  title: 'NetworkPolicy allows all traffic',
  severity: 'medium',
  kinds: ['NetworkPolicy'],
  message: 'a rule allows traffic from or to everywhere on every port',
  description:
    'A rule without peers and ports (e.g. `ingress: [{}]`), or with 0.0.0.0/0 or every namespace, cancels the isolation the policy sets up.',
  remediation: 'Name the peers (podSelector/namespaceSelector/ipBlock) and ports each rule allows.',
  frameworks: {
    'nsa-cisa-1.2': ['Network separation and hardening: network policies'],
    'nist-800-190': ['3.3.3'],
  },
  run(r) {
    const spec = obj(obj(r.object).spec);
    const out: Violation[] = [];
    for (const [dir, peerKey] of [
      ['ingress', 'from'],
      ['egress', 'to'],
    ] as const)
      arr(spec[dir]).forEach((rule, i) => {
        const o = obj(rule);
        if (arr(o.ports).length === 0 && openPeer(o[peerKey])) {
          const path: PathSeg[] = ['spec', dir, i];
          out.push({
            message: `${dir} rule ${i} allows all ${dir === 'ingress' ? 'sources' : 'destinations'} on all ports`,
            path,
          });
        }
      });
    return out;
  },
};
