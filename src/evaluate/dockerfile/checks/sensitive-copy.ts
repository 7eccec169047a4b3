import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';
import { copySources } from './add-local.js';

const SENSITIVE =
  /(^|\/)(id_(rsa|dsa|ecdsa|ed25519)|\.env(\.[\w-]+)?|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.htpasswd|credentials(\.json)?|kubeconfig|\.kube\/config|\.docker\/config\.json|\.aws\/credentials|[^/]*\.(pem|key|p12|pfx|jks|keystore))$/i;

export const sensitiveCopy: FunctionCheck = {
  id: 'PAL-DF-031',
  title: 'Credential file copied into the image',
  severity: 'high',
  kinds: [DOCKERFILE_KIND],
  message: 'COPY/ADD copies a private key or credentials file',
  description: 'Files copied into a layer stay in the image history even when a later layer deletes them.',
  remediation:
    'Mount it at build time (RUN --mount=type=secret or type=ssh) and provide it at run time from a secret store.',
  frameworks: { 'cis-docker-1.6': ['4.10'], 'nist-800-190': ['3.1.4'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['COPY', 'ADD'], (ins) => {
      if (ins.flags.some((f) => f.name === 'from')) return undefined;
      const bad = copySources(ins).filter((s) => SENSITIVE.test(s.replace(/\/+$/, '')));
      return bad.length ? `${ins.keyword} ${bad.join(' ')} copies credentials into the image` : undefined;
    });
  },
};
