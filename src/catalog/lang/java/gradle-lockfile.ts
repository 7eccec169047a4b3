// gradle.lockfile (Gradle dependency locking): "group:artifact:version=conf1,conf2" lines. A dependency
// locked only in test configurations is dev.
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { makePurl } from '../../purl.js';
import { basename, pkg, safely } from '../common.js';

const FOUND_BY = 'java-gradle-lockfile';

export function parseGradleLockfile(text: string, path: string): Package[] {
  const out: Package[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('empty=')) continue;
    const m = /^([^:=\s]+):([^:=\s]+):([^:=\s]+)(?:=(.*))?$/.exec(line);
    if (!m) continue;
    const confs = (m[4] ?? '').split(',').filter(Boolean);
    const dev = confs.length > 0 && confs.every((c) => /^test/i.test(c));
    out.push(
      pkg({
        name: `${m[1]}:${m[2]}`,
        version: m[3]!,
        ecosystem: 'maven',
        purl: makePurl('maven', m[1], m[2]!, m[3]),
        path,
        foundBy: FOUND_BY,
        dev,
        metadata: { groupId: m[1], artifactId: m[2], configurations: confs },
      }),
    );
  }
  return out;
}

export const javaGradleLockfile = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) =>
    basename(path) === 'gradle.lockfile' || /(?:^|\/)dependency-locks\/[^/]+\.lockfile$/.test(path),
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parseGradleLockfile((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
