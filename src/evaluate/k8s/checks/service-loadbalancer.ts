import type { CelCheck } from '../../engine.js';
import { k8sCelVariables } from '../resource.js';

export const serviceLoadBalancer: CelCheck = {
  id: 'PAL-K8S-041',
  title: 'LoadBalancer Service open to any source',
  severity: 'medium',
  kinds: ['Service'],
  message: 'LoadBalancer Service sets no loadBalancerSourceRanges',
  description:
    'A LoadBalancer Service without source ranges is reachable from any address the load balancer faces, often the internet.',
  remediation:
    'Set spec.loadBalancerSourceRanges to the networks that need access, or use an internal load balancer.',
  frameworks: { 'nsa-cisa-1.2': ['Network separation and hardening'], 'nist-800-190': ['3.3.3', '3.4.2'] },
  expression: `!has(object.spec) || !has(object.spec.type) || object.spec.type != "LoadBalancer" ||
    (has(object.spec.loadBalancerSourceRanges) && size(object.spec.loadBalancerSourceRanges) > 0 &&
     !object.spec.loadBalancerSourceRanges.exists(r, r == "0.0.0.0/0" || r == "::/0"))`,
  path: ['spec', 'type'],
  variables: k8sCelVariables,
};
