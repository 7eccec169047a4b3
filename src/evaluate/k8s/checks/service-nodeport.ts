import type { CelCheck } from '../../engine.js';
import { k8sCelVariables } from '../resource.js';

export const serviceNodePort: CelCheck = {
  id: 'PAL-K8S-040',
  title: 'Service of type NodePort',
  severity: 'low',
  kinds: ['Service'],
  message: 'Service is exposed on a port of every node',
  description:
    'A NodePort Service listens on every node address, outside ingress controls and often outside the firewall plan.',
  remediation: 'Use a ClusterIP Service behind an Ingress or a LoadBalancer with source ranges.',
  frameworks: { 'nsa-cisa-1.2': ['Network separation and hardening'], 'nist-800-190': ['3.3.3', '3.4.2'] },
  expression: `!has(object.spec) || !has(object.spec.type) || object.spec.type != "NodePort"`,
  path: ['spec', 'type'],
  variables: k8sCelVariables,
};
