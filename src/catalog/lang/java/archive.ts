// Java archives (jar, war, ear, par, and Jenkins' jpi/hpi): every META-INF/maven/<g>/<a>/pom.properties
// is a package (shaded dependencies included, as Syft and Trivy report them); an archive without any
// falls back to META-INF/MANIFEST.MF (Implementation-* / Bundle-* fields) and then to its file name.
// Archives inside archives (WEB-INF/lib, BOOT-INF/lib, lib/ of an ear) are read to a bounded depth and
// size; `innerPath` says where inside the outer file each package was found ("a.jar!/META-INF/…").
import { XMLParser } from 'fast-xml-parser';
import type { AnalysisResult, Analyzer } from '../../analyzer.js';
import type { Package, Warning } from '../../../core/types.js';
import { errorMessage } from '../../../core/errors.js';
import { normaliseLicense } from '../../license.js';
import { makePurl } from '../../purl.js';
import { basename, fileWarning, pkg } from '../common.js';
import { readZipEntries, readZipEntry, type ZipEntry } from './zip.js';

const FOUND_BY = 'java-archive';
const ARCHIVE = /\.(?:jar|war|ear|par|jpi|hpi|sar|kar)$/i;
const MAX_DEPTH = 3;
/** one small metadata file (pom.properties, MANIFEST.MF, pom.xml) */
const MAX_META = 1024 * 1024;
/** one nested archive, inflated */
const MAX_NESTED = 256 * 1024 * 1024;
/** everything inflated from one outer file, nested archives included: the zip-bomb budget */
const MAX_TOTAL = 1024 * 1024 * 1024;

export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^([^=:\s]+)\s*[=:]?\s*(.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!.trim());
  }
  return out;
}

/** MANIFEST.MF main section; continuation lines start with one space. */
export function parseManifest(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    if (line.startsWith(' ') && last) {
      out.set(last, out.get(last)! + line.slice(1));
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue;
    last = line.slice(0, i).trim();
    out.set(last, line.slice(i + 1).trim());
  }
  return out;
}

const xml = new XMLParser({
  ignoreAttributes: true,
  processEntities: false,
  isArray: (n) => n === 'license',
});

function pomLicenses(text: string): string[] {
  try {
    const doc = xml.parse(text) as { project?: { licenses?: { license?: { name?: string }[] } } };
    const list = doc.project?.licenses?.license ?? [];
    return list
      .map((l) => normaliseLicense(typeof l.name === 'string' ? l.name : undefined))
      .filter((x): x is string => !!x);
  } catch {
    return [];
  }
}

/** "commons-lang3-3.12.0.jar" → { name: commons-lang3, version: 3.12.0 } */
export function nameFromFilename(file: string): { name: string; version: string } | undefined {
  const m = /^(.+?)[-_](\d[\w.+-]*?)(?:\.(?:jar|war|ear|par|jpi|hpi|sar|kar))$/i.exec(file);
  return m ? { name: m[1]!, version: m[2]! } : undefined;
}

interface Budget {
  left: number;
}

function catalogArchive(
  buf: Buffer,
  outerPath: string,
  inner: string,
  depth: number,
  budget: Budget,
  out: Package[],
  warnings: Warning[],
): void {
  const entries = readZipEntries(buf);
  const read = (e: ZipEntry, cap: number) => {
    const b = readZipEntry(buf, e, Math.min(cap, budget.left));
    budget.left -= b.length;
    return b;
  };
  const here = (p: string) => (inner ? `${inner}!/${p}` : p);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const before = out.length;
  for (const e of entries) {
    if (!/^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/.test(e.name)) continue;
    const props = parseProperties(read(e, MAX_META).toString('utf8'));
    const g = props.get('groupId');
    const a = props.get('artifactId');
    const v = props.get('version');
    if (!g || !a || !v) continue;
    const pomXml = byName.get(e.name.replace(/pom\.properties$/, 'pom.xml'));
    const licenses = pomXml ? pomLicenses(read(pomXml, MAX_META).toString('utf8')) : [];
    out.push(
      pkg({
        name: `${g}:${a}`,
        version: v,
        ecosystem: 'maven',
        purl: makePurl('maven', g, a, v),
        path: outerPath,
        innerPath: here(e.name),
        foundBy: FOUND_BY,
        licenses,
        metadata: { groupId: g, artifactId: a },
      }),
    );
  }
  if (out.length === before) {
    const mf = byName.get('META-INF/MANIFEST.MF');
    const m = mf ? parseManifest(read(mf, MAX_META).toString('utf8')) : new Map<string, string>();
    const file = basename(inner ? inner.split('!/').pop()! : outerPath);
    const fromFile = nameFromFilename(file);
    const symbolic = m.get('Bundle-SymbolicName')?.split(';')[0]?.trim();
    const title = m.get('Implementation-Title') ?? m.get('Bundle-Name');
    const version = m.get('Implementation-Version') ?? m.get('Bundle-Version') ?? fromFile?.version;
    const artifact =
      fromFile?.name ?? title?.replace(/\s+/g, '-') ?? symbolic?.slice(symbolic.lastIndexOf('.') + 1);
    const group =
      m.get('Implementation-Vendor-Id') ??
      (symbolic?.includes('.') ? symbolic.slice(0, symbolic.lastIndexOf('.')) : undefined);
    // an archive with only classes and no version anywhere (a web app's own war) is not a package
    if (artifact && version && !/^(WEB-INF|BOOT-INF)$/.test(artifact)) {
      out.push(
        pkg({
          name: group ? `${group}:${artifact}` : artifact,
          version,
          ecosystem: 'maven',
          // maven purls need a group: without one, the artifact stands in (Syft's convention)
          purl: makePurl('maven', group ?? artifact, artifact, version),
          path: outerPath,
          ...(inner ? { innerPath: inner } : {}),
          foundBy: FOUND_BY,
          licenses: [normaliseLicense(m.get('Bundle-License')?.split(';')[0])],
          metadata: {
            source: mf ? 'manifest' : 'filename',
            ...(group ? { groupId: group } : {}),
            artifactId: artifact,
          },
        }),
      );
    }
  }
  if (depth >= MAX_DEPTH) return;
  for (const e of entries) {
    if (!ARCHIVE.test(e.name) || e.name.endsWith('/')) continue;
    try {
      const nested = read(e, MAX_NESTED);
      catalogArchive(nested, outerPath, here(e.name), depth + 1, budget, out, warnings);
    } catch (err) {
      warnings.push({
        code: 'java-archive',
        message: `${outerPath}!/${here(e.name)}: ${errorMessage(err)}`,
        location: { path: outerPath, innerPath: here(e.name) },
      });
      if (budget.left <= 0) return;
    }
  }
}

export function catalogJavaArchive(buf: Buffer, path: string): AnalysisResult {
  const packages: Package[] = [];
  const warnings: Warning[] = [];
  catalogArchive(buf, path, '', 0, { left: MAX_TOTAL }, packages, warnings);
  return { packages, warnings };
}

export const javaArchive = {
  id: FOUND_BY,
  version: 1,
  maxSize: 1024 * 1024 * 1024,
  required: (path, info) => info.type === 'file' && ARCHIVE.test(path),
  async analyze({ path, read }) {
    try {
      return catalogJavaArchive(await read(), path);
    } catch (e) {
      return fileWarning(FOUND_BY, path, e);
    }
  },
} as const satisfies Analyzer;
