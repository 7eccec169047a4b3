import type { FunctionCheck } from '../../engine.js';
import { splitWords, unquote } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

export function exposedPorts(args: string): { text: string; port?: number; valid: boolean }[] {
  return splitWords(args).map((w) => {
    const text = unquote(w);
    const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(text);
    if (!m) return { text, valid: text.includes('$') };
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    return { text, port: a, valid: a <= 65535 && b <= 65535 && a <= b };
  });
}

export const exposeInvalid: FunctionCheck = {
  id: 'PAL-DF-016',
  title: 'Invalid EXPOSE port',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'EXPOSE names a port outside 0-65535 or in an invalid form',
  remediation: 'Use port[/protocol] or a range start-end with ports from 0 to 65535.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['EXPOSE'], (ins) =>
      exposedPorts(ins.expanded)
        .filter((p) => !p.valid)
        .map((p) => `EXPOSE ${p.text} is not a valid port`),
    );
  },
};
