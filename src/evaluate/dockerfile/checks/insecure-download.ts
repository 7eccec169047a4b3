import type { FunctionCheck } from '../../engine.js';
import { runScript } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

const INSECURE: [RegExp, string][] = [
  [/\bcurl\b[^\n;&|]*\s(-k|--insecure|-[a-zA-Z]*k[a-zA-Z]*)(\s|$)/, 'curl --insecure'],
  [/\bwget\b[^\n;&|]*\s--no-check-certificate\b/, 'wget --no-check-certificate'],
  [/\bpip[0-9.]*\b[^\n;&|]*\s--trusted-host\b/, 'pip --trusted-host'],
  [
    /--allow-unauthenticated\b|--allow-insecure-repositories\b|\[trusted=yes\]|AllowUnauthenticated\s*"?true/i,
    'unauthenticated apt packages',
  ],
  [/--nogpgcheck\b|gpgcheck\s*=\s*0/, 'packages without GPG check'],
  [/\bapk\b[^\n;&|]*\s--allow-untrusted\b/, 'apk --allow-untrusted'],
  [/\b(npm|yarn)\b[^\n;&|]*strict-ssl\s*(=|\s)\s*false/, 'npm strict-ssl false'],
  [/\bgit\b[^\n;&|]*http\.sslVerify\s*=?\s*false/i, 'git http.sslVerify=false'],
];

export const insecureDownload: FunctionCheck = {
  id: 'PAL-DF-029',
  title: 'Download without TLS or signature verification',
  severity: 'high',
  kinds: [DOCKERFILE_KIND],
  message: 'RUN turns off certificate or package signature verification',
  description:
    'With verification off, anyone on the network path can substitute what the build downloads and installs.',
  remediation:
    'Remove the flag; install the CA certificate the server needs, or import the repository signing key.',
  frameworks: { 'cis-docker-1.6': ['4.11', '4.12'], 'nist-800-190': ['3.1.5'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) => {
      const script = runScript(ins);
      const hit = INSECURE.filter(([re]) => re.test(script)).map(([, what]) => what);
      return hit.length ? `RUN uses ${hit.join(', ')}` : undefined;
    });
  },
};
