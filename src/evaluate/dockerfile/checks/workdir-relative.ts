import type { FunctionCheck } from '../../engine.js';
import { unquote } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

export const workdirRelative: FunctionCheck = {
  id: 'PAL-DF-013',
  title: 'WORKDIR is a relative path',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'WORKDIR is relative to the previous one',
  description: 'A relative WORKDIR depends on the base image’s working directory, which may change.',
  remediation: 'Use an absolute path: WORKDIR /app.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['WORKDIR'], (ins) => {
      const p = unquote(ins.expanded.trim());
      if (!p || p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.includes('$')) return undefined;
      return `WORKDIR ${p} is relative`;
    });
  },
};
