import type { CelCheck } from '../../engine.js';
import { k8sCelVariables } from '../resource.js';

export const ingressTls: CelCheck = {
  id: 'PAL-K8S-043',
  title: 'Ingress without TLS',
  severity: 'medium',
  kinds: ['Ingress'],
  message: 'Ingress serves plain HTTP (no spec.tls)',
  description: 'Without TLS, credentials and session cookies cross the network in clear text.',
  remediation: 'Add spec.tls with a certificate secret for every host (cert-manager can issue them).',
  frameworks: { 'nsa-cisa-1.2': ['Network separation and hardening: encryption'], 'nist-800-190': ['3.3.3'] },
  expression: `has(object.spec) && has(object.spec.tls) && size(object.spec.tls) > 0`,
  path: ['spec'],
  variables: k8sCelVariables,
};
