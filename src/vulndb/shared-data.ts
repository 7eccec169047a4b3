// Where the real upstream test data lives (../shared/data beside the repository, see DESIGN.md), for
// tests, benchmarks and the snapshot script. Worktrees sit one level deeper than a clone, so the
// grandparent is tried too; PALISADE_SHARED_DATA overrides both. Tests skip with SKIP_NO_SHARED.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.js';

export const repoRoot = PACKAGE_ROOT;

function findShared(): string {
  const env = process.env.PALISADE_SHARED_DATA;
  if (env) return env;
  const candidates = [join(repoRoot, '..', 'shared', 'data'), join(repoRoot, '..', '..', 'shared', 'data')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

export const sharedData = findShared();
export const sharedAdvisories = join(sharedData, 'advisories');
export const haveSharedData = existsSync(sharedAdvisories);
export const SKIP_NO_SHARED = haveSharedData
  ? false
  : `../shared/data/advisories not found beside the repo (${sharedAdvisories})`;
