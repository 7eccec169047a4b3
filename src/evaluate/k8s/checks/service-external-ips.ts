import type { CelCheck } from '../../engine.js';
import { k8sCelVariables } from '../resource.js';

export const serviceExternalIps: CelCheck = {
  id: 'PAL-K8S-042',
  title: 'Service sets externalIPs',
  severity: 'medium',
  kinds: ['Service'],
  message: 'Service claims externalIPs',
  description: 'externalIPs let a Service intercept traffic to any address in the cluster (CVE-2020-8554).',
  remediation: 'Remove spec.externalIPs; block the field with the DenyServiceExternalIPs admission plugin.',
  frameworks: { 'nsa-cisa-1.2': ['Network separation and hardening'], 'nist-800-190': ['3.3.3'] },
  references: ['https://github.com/kubernetes/kubernetes/issues/97076'],
  expression: `!has(object.spec) || !has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0`,
  path: ['spec', 'externalIPs'],
  variables: k8sCelVariables,
};
