import type { FunctionCheck } from '../../engine.js';
import { parseKeyValues } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

/** Environment settings that turn off TLS verification in common runtimes and tools. */
export function tlsDisablingEnv(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  switch (name) {
    case 'NODE_TLS_REJECT_UNAUTHORIZED':
      return v === '0';
    case 'PYTHONHTTPSVERIFY':
      return v === '0';
    case 'GIT_SSL_NO_VERIFY':
      return v !== '' && v !== '0' && v !== 'false';
    case 'npm_config_strict_ssl':
    case 'NPM_CONFIG_STRICT_SSL':
    case 'YARN_STRICT_SSL':
      return v === 'false';
    case 'CURL_CA_BUNDLE':
    case 'REQUESTS_CA_BUNDLE':
      return v === '';
    case 'PIP_TRUSTED_HOST':
    case 'GOINSECURE':
    case 'GONOSUMDB':
    case 'GONOSUMCHECK':
      return v !== '';
    case 'GOFLAGS':
      return /-insecure\b/.test(v);
    default:
      return false;
  }
}

export const tlsDisabledEnv: FunctionCheck = {
  id: 'PAL-DF-030',
  title: 'TLS verification disabled by ENV',
  severity: 'high',
  kinds: [DOCKERFILE_KIND],
  message: 'ENV turns off TLS or checksum verification for the whole image',
  description: 'Set with ENV, the setting stays in the image and applies to the application at run time too.',
  remediation: 'Remove the variable; trust the needed CA by adding it to the system store.',
  frameworks: { 'nist-800-190': ['3.1.2', '3.4.3'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['ENV'], (ins) =>
      parseKeyValues(ins.args, true)
        .filter(([k, v]) => tlsDisablingEnv(k, v))
        .map(([k, v]) => `ENV ${k}=${v} disables verification`),
    );
  },
};
