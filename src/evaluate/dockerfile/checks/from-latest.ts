import type { FunctionCheck, Violation } from '../../engine.js';
import { parseImageRef, usesLatest } from '../../image-ref.js';
import type { Dockerfile, Stage } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';

/** Stages whose base is an image (not scratch, not an earlier stage, not an unresolved variable). */
export function imageBases(df: Dockerfile): Stage[] {
  return df.stages.filter((s, i) => {
    const b = s.base.toLowerCase();
    if (!b || b === 'scratch' || b.includes('$')) return false;
    return !df.stages.slice(0, i).some((p) => p.name === b);
  });
}

export const fromLatest: FunctionCheck = {
  id: 'PAL-DF-002',
  title: 'Base image uses the latest tag',
  severity: 'medium',
  kinds: [DOCKERFILE_KIND],
  message: 'FROM uses the latest tag (explicitly or by omission)',
  description: 'latest moves: rebuilding the same Dockerfile later gives a different, unreviewed base.',
  remediation: 'Pin the base image to a version tag and digest: FROM debian:12.8@sha256:…',
  frameworks: { 'cis-docker-1.6': ['4.2'], 'nist-800-190': ['3.1.5'] },
  run(r) {
    const out: Violation[] = [];
    for (const s of imageBases(dockerfileOf(r)))
      if (usesLatest(parseImageRef(s.base)))
        out.push({ message: `FROM ${s.base} uses the latest tag`, line: s.line });
    return out;
  },
};
