// Rust binaries built with cargo-auditable: an ELF section ".dep-v0" holding zlib-compressed JSON
// {"packages": [{name, version, source, kind, dependencies: [index…], root}]}. Build-only crates
// (kind "build") are not in the binary and are marked dev; the root crate is the binary itself.
import { inflateSync } from 'node:zlib';
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { PalisadeError } from '../../../core/errors.js';
import { makePurl } from '../../purl.js';
import { isObject, parseJson, pkg, safely, str } from '../common.js';
import { maybeBinary, parseElf, sectionData } from '../elf.js';

const FOUND_BY = 'rust-auditable';
/** cargo-auditable caps the JSON at 8 MiB itself */
const MAX_JSON = 8 * 1024 * 1024;

export function parseAuditable(section: Buffer, path: string): Package[] {
  let json: Buffer;
  try {
    json = inflateSync(section, { maxOutputLength: MAX_JSON });
  } catch (e) {
    throw new PalisadeError('INPUT', `.dep-v0 section does not inflate: ${(e as Error).message}`);
  }
  const doc = parseJson(json, `${path} (.dep-v0)`);
  const list = (isObject(doc) && Array.isArray(doc.packages) ? doc.packages : []) as unknown[];
  const made = list.map((e) => {
    if (!isObject(e) || !str(e.name) || !str(e.version)) return undefined;
    const p = pkg({
      name: e.name as string,
      version: e.version as string,
      ecosystem: 'cargo',
      purl: makePurl('cargo', undefined, e.name as string, e.version as string),
      path,
      foundBy: FOUND_BY,
      dev: e.kind === 'build',
      metadata: { source: e.source ?? 'crates.io', ...(e.root ? { root: true } : {}) },
    });
    return { p, deps: Array.isArray(e.dependencies) ? (e.dependencies as number[]) : [] };
  });
  for (const m of made) {
    if (!m) continue;
    const on = m.deps.map((i) => made[i]?.p.purl).filter((x): x is string => !!x);
    if (on.length) m.p.dependsOn = on;
  }
  return made.filter((m): m is NonNullable<typeof m> => !!m).map((m) => m.p);
}

export const rustAuditable = {
  id: FOUND_BY,
  version: 1,
  maxSize: 1024 * 1024 * 1024,
  required: maybeBinary,
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => {
      const elf = parseElf(await read());
      const sec = elf && sectionData(elf, '.dep-v0');
      return sec ? parseAuditable(sec, path) : [];
    }),
} as const satisfies Analyzer;
