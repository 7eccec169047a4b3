import type { FunctionCheck } from '../../engine.js';
import { splitWords, unquote, type Instruction } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tar\.lz4)$/i;
export const REMOTE = /^(https?|ftp):\/\/|^git@|\.git(#.*)?$/i;

/** Source operands of COPY/ADD (everything but the destination). */
export function copySources(ins: Instruction): string[] {
  if (ins.heredocs.length) return [];
  const words = ins.json ?? splitWords(ins.expanded).map(unquote);
  return words.slice(0, -1);
}

export const addLocal: FunctionCheck = {
  id: 'PAL-DF-004',
  title: 'ADD used for local files',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'ADD copies local files; use COPY',
  description:
    'ADD also fetches URLs and unpacks archives, so it can do more than the reader expects; COPY only copies.',
  remediation: 'Replace ADD with COPY for local files and directories.',
  frameworks: { 'cis-docker-1.6': ['4.9'], 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['ADD'], (ins) => {
      const local = copySources(ins).filter((s) => !REMOTE.test(s) && !ARCHIVE.test(s));
      return local.length ? `ADD ${local.join(' ')}: use COPY for local files` : undefined;
    });
  },
};
