// The installed package's root directory (where package.json, data/ and schema/ live), found by walking
// up from this module. Works from src/ (tests), dist/ (compiled) and the single-file bundle alike, so
// no module hard-codes how deep it sits.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        const meta = JSON.parse(readFileSync(pj, 'utf8')) as { name?: string; version?: string };
        if (meta.name === 'palisade') return { root: dir, version: meta.version ?? '0.0.0' };
      } catch {
        // not ours; keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`palisade: cannot find the package root above ${fileURLToPath(import.meta.url)}`);
}

const found = findRoot();

export const PACKAGE_ROOT: string = found.root;
export const PACKAGE_VERSION: string = found.version;

/** a path inside the package, e.g. packagePath('data', 'yara') */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
