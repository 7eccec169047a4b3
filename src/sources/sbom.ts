// SBOMs as a scan source (`palisade sbom-scan`): CycloneDX JSON (1.2–1.6) and SPDX 2.x JSON, as
// Palisade, Syft, Trivy and cdxgen write them, read into the same Package model the catalogers
// produce, so the same matcher reports on them as on an image. A component without a purl cannot be
// matched and is counted in one warning. What an SBOM says about the source package of an OS package
// (purl `upstream=` qualifier, Trivy's SrcName/SrcVersion), its OS (an operating-system component,
// the purls' `distro=` qualifier) and where a package was found (palisade:/syft:/trivy: properties)
// is kept, since Debian and Alpine matching need it.
import { isObject, parseJsonDocument, str } from '../core/json.js';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileReadError, PalisadeError } from '../core/errors.js';
import type { Artifact, Ecosystem, LayerInfo, Location, OSInfo, Package, Warning } from '../core/types.js';
import { parsePurl } from '../match/purl-match.js';

export const MAX_SBOM_BYTES = 512 * 1024 * 1024;
const MAX_DEPTH = 64;

const ECOSYSTEMS = new Set<Ecosystem>([
  'deb',
  'apk',
  'rpm',
  'npm',
  'pypi',
  'golang',
  'maven',
  'gem',
  'cargo',
  'composer',
  'nuget',
]);
const DISTROS = new Set([
  'debian',
  'ubuntu',
  'alpine',
  'rhel',
  'centos',
  'rocky',
  'almalinux',
  'fedora',
  'amzn',
  'opensuse-leap',
  'sles',
  'wolfi',
  'chainguard',
  'ol',
]);

export interface SbomInventory {
  format: 'cyclonedx' | 'spdx';
  artifact: Artifact;
  packages: Package[];
  warnings: Warning[];
}

type Json = Record<string, unknown>;

export async function readSbom(path: string): Promise<SbomInventory> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw fileReadError(path, e);
  }
  if (size > MAX_SBOM_BYTES)
    throw new PalisadeError('LIMIT', `${path}: ${size} bytes, over the 512 MiB SBOM limit`);
  return parseSbom(await readFile(path, 'utf8'), path);
}

export function parseSbom(text: string, source: string): SbomInventory {
  const doc = parseJsonDocument(text, source, 'a CycloneDX or SPDX JSON SBOM');
  if (isObject(doc) && doc.bomFormat === 'CycloneDX') return fromCycloneDx(doc, source);
  if (isObject(doc) && typeof doc.spdxVersion === 'string' && doc.spdxVersion.startsWith('SPDX-2.'))
    return fromSpdx(doc, source);
  throw new PalisadeError(
    'INPUT',
    `${source}: not a CycloneDX (bomFormat) or SPDX 2.x (spdxVersion) JSON document${isObject(doc) && doc.spdxVersion ? ` (${String(doc.spdxVersion)})` : ''}`,
  );
}

function ecosystemOf(type: string): Ecosystem {
  const t = type.toLowerCase();
  if (t === 'pip' || t === 'python') return 'pypi';
  if (t === 'go') return 'golang';
  if (t === 'rubygems') return 'gem';
  return ECOSYSTEMS.has(t as Ecosystem) ? (t as Ecosystem) : 'generic';
}

/** OS from a purl's distro qualifier: debian-12, debian-12.5, alpine-3.19.1, ubuntu-22.04 */
function osFromDistro(q: string | undefined): OSInfo | undefined {
  const m = q ? /^([a-z][a-z-]*?)-(\d[\w.]*)$/.exec(q) : null;
  return m && DISTROS.has(m[1]!) ? { family: m[1]!, version: m[2]! } : undefined;
}

interface Draft {
  purl: string;
  name?: string;
  version?: string;
  licenses: string[];
  locations: Location[];
  source?: { name: string; version: string };
  dependsOn?: string[];
}

function toPackage(d: Draft, foundBy: string, fallback: Location): Package | undefined {
  const p = parsePurl(d.purl);
  if (!p) return undefined;
  const ecosystem = ecosystemOf(p.type);
  const name =
    p.namespace && (ecosystem === 'npm' || ecosystem === 'golang' || ecosystem === 'composer')
      ? `${p.namespace}/${p.name}`
      : ecosystem === 'maven' && p.namespace
        ? `${p.namespace}:${p.name}`
        : p.name;
  const version = p.version ?? d.version ?? '';
  const pkg: Package = {
    name,
    version,
    ecosystem,
    purl: d.purl,
    locations: d.locations.length ? d.locations : [{ ...fallback }],
    foundBy,
  };
  const q = p.qualifiers ?? {};
  if (q.arch) pkg.arch = q.arch;
  // source package: the SBOM's own field, else purl `upstream=name[@version]`
  let src = d.source;
  if (!src && q.upstream) {
    const at = q.upstream.indexOf('@');
    src =
      at > 0
        ? { name: q.upstream.slice(0, at), version: q.upstream.slice(at + 1) }
        : { name: q.upstream, version };
  }
  if (src && (ecosystem === 'deb' || ecosystem === 'apk' || ecosystem === 'rpm')) pkg.source = src;
  if (d.licenses.length) pkg.licenses = [...new Set(d.licenses)];
  if (d.dependsOn?.length) pkg.dependsOn = d.dependsOn;
  return pkg;
}

function props(c: Json): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const p of Array.isArray(c.properties) ? c.properties : []) {
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.value !== 'string') continue;
    const list = m.get(p.name) ?? [];
    list.push(p.value);
    m.set(p.name, list);
  }
  return m;
}

function cdxLicenses(c: Json): string[] {
  const out: string[] = [];
  for (const l of Array.isArray(c.licenses) ? c.licenses : []) {
    if (!isObject(l)) continue;
    if (str(l.expression)) out.push(l.expression as string);
    else if (isObject(l.license)) {
      const id = str(l.license.id);
      const name = str(l.license.name);
      if (id) out.push(id);
      else if (name) out.push(/\s/.test(name) ? name : `LicenseRef-${name}`);
    }
  }
  return out;
}

/** Locations from the properties Palisade, Syft and Trivy write */
function cdxLocations(pm: Map<string, string[]>, layerOf: Map<string, number>): Location[] {
  const out: Location[] = [];
  const byIndex = new Map<string, Location>();
  for (const [k, vs] of pm) {
    const m = /^palisade:location(?::(\d+))?:(path|layerIndex|layerDiffID)$/.exec(k);
    if (m) {
      const key = m[1] ?? '';
      for (const v of vs) {
        let loc = byIndex.get(key);
        if (!loc || (m[2] === 'path' && loc.path)) {
          loc = { path: '' };
          byIndex.set(m[2] === 'path' && byIndex.has(key) ? `${key}#${out.length}` : key, loc);
          out.push(loc);
        }
        if (m[2] === 'path') {
          const bang = v.indexOf('!/');
          if (bang > 0) {
            loc.path = v.slice(0, bang);
            loc.innerPath = v.slice(bang + 2);
          } else loc.path = v;
        } else if (m[2] === 'layerIndex' && /^\d+$/.test(v)) loc.layerIndex = Number(v);
        else if (m[2] === 'layerDiffID') loc.layerDiffId = v;
      }
      continue;
    }
    const syft = /^syft:location:\d+:path$/.exec(k);
    if (syft) for (const v of vs) out.push({ path: v.replace(/^\/+/, '') });
    if (k === 'aquasecurity:trivy:FilePath') for (const v of vs) out.push({ path: v.replace(/^\/+/, '') });
  }
  const diff = pm.get('aquasecurity:trivy:LayerDiffID')?.[0];
  for (const l of out) {
    if (l.layerIndex === undefined && (l.layerDiffId ?? diff) && layerOf.has((l.layerDiffId ?? diff)!))
      l.layerIndex = layerOf.get((l.layerDiffId ?? diff)!)!;
  }
  return out.filter((l) => l.path);
}

function fromCycloneDx(doc: Json, source: string): SbomInventory {
  const warnings: Warning[] = [];
  const fallback: Location = { path: basename(source) };
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const root = isObject(meta.component) ? meta.component : undefined;
  const layers: LayerInfo[] = [];
  const layerOf = new Map<string, number>();
  let os: OSInfo | undefined;
  if (root) {
    for (const [k, vs] of props(root)) {
      const m = /^palisade:layer:(\d+):diffID$/.exec(k);
      if (m && /^sha256:[a-f0-9]{64}$/.test(vs[0]!)) {
        layers.push({ index: Number(m[1]), diffId: vs[0]! });
        layerOf.set(vs[0]!, Number(m[1]));
      }
      if (k === 'palisade:os') {
        const [family, version] = vs[0]!.split(' ');
        if (family && version) os = { family, version };
      }
    }
  }
  const drafts: Draft[] = [];
  const refToPurl = new Map<string, string>();
  let noPurl = 0;
  let tooDeep = false;
  const walk = (list: unknown, depth: number) => {
    if (!Array.isArray(list)) return;
    if (depth > MAX_DEPTH) {
      tooDeep = true;
      return;
    }
    for (const c of list) {
      if (!isObject(c)) continue;
      if (c.type === 'operating-system' && str(c.name) && str(c.version) && !os) {
        os = { family: String(c.name).toLowerCase(), version: String(c.version) };
      }
      const purl = str(c.purl);
      if (purl) {
        const pm = props(c);
        const srcName = pm.get('aquasecurity:trivy:SrcName')?.[0];
        const srcVer = pm.get('aquasecurity:trivy:SrcVersion')?.[0];
        const d: Draft = {
          purl,
          ...(str(c.name) ? { name: c.name as string } : {}),
          ...(str(c.version) ? { version: c.version as string } : {}),
          licenses: cdxLicenses(c),
          locations: cdxLocations(pm, layerOf),
          ...(srcName ? { source: { name: srcName, version: srcVer ?? String(c.version ?? '') } } : {}),
        };
        drafts.push(d);
        if (str(c['bom-ref'])) refToPurl.set(c['bom-ref'] as string, purl);
      } else if (c.type !== 'operating-system' && c.type !== 'container' && c.type !== 'file') noPurl++;
      walk(c.components, depth + 1);
    }
  };
  walk(doc.components, 0);
  if (tooDeep)
    warnings.push({
      code: 'SBOM_TOO_DEEP',
      message: `${source}: components nested deeper than ${MAX_DEPTH} levels were not read`,
    });
  const deps = new Map<string, string[]>();
  for (const d of Array.isArray(doc.dependencies) ? doc.dependencies : []) {
    if (!isObject(d) || !str(d.ref) || !Array.isArray(d.dependsOn)) continue;
    const from = refToPurl.get(d.ref as string);
    if (!from) continue;
    deps.set(
      from,
      d.dependsOn
        .map((x) => (typeof x === 'string' ? refToPurl.get(x) : undefined))
        .filter((x): x is string => !!x),
    );
  }
  for (const d of drafts) if (deps.get(d.purl)?.length) d.dependsOn = deps.get(d.purl);
  return finish('cyclonedx', source, drafts, noPurl, warnings, fallback, {
    name: str(root?.name) ?? basename(source),
    os,
    layers,
    digest: str(root?.version)?.startsWith('sha256:') ? (root!.version as string) : undefined,
  });
}

function fromSpdx(doc: Json, source: string): SbomInventory {
  const warnings: Warning[] = [];
  const fallback: Location = { path: basename(source) };
  const drafts: Draft[] = [];
  let os: OSInfo | undefined;
  let noPurl = 0;
  const described = new Set<string>();
  for (const r of Array.isArray(doc.relationships) ? doc.relationships : [])
    if (isObject(r) && r.relationshipType === 'DESCRIBES' && str(r.relatedSpdxElement))
      described.add(r.relatedSpdxElement as string);
  for (const id of Array.isArray(doc.documentDescribes) ? doc.documentDescribes : [])
    if (typeof id === 'string') described.add(id);
  let rootName: string | undefined;
  for (const p of Array.isArray(doc.packages) ? doc.packages : []) {
    if (!isObject(p)) continue;
    const purl = (Array.isArray(p.externalRefs) ? p.externalRefs : [])
      .filter(isObject)
      .find((r) => r.referenceType === 'purl' && str(r.referenceLocator))?.referenceLocator as
      string | undefined;
    const purpose = String(p.primaryPackagePurpose ?? '').replace('-', '_');
    if (!purl) {
      if (described.has(String(p.SPDXID))) rootName ??= str(p.name);
      else if (
        purpose === 'OPERATING_SYSTEM' &&
        str(p.name) &&
        str(p.versionInfo) &&
        DISTROS.has(String(p.name).toLowerCase())
      )
        os ??= { family: String(p.name).toLowerCase(), version: String(p.versionInfo) };
      else noPurl++;
      continue;
    }
    const licenses: string[] = [];
    for (const k of ['licenseDeclared', 'licenseConcluded'] as const) {
      const l = str(p[k]);
      if (l && l !== 'NOASSERTION' && l !== 'NONE') {
        licenses.push(l);
        break;
      }
    }
    // Palisade writes "found by CATALOGER at PATH (layer N), …" as the package comment
    const locations: Location[] = [];
    const at = str(p.comment)?.match(/^found by \S+ at (.+)$/)?.[1];
    if (at)
      for (const part of at.split(', ')) {
        const m = /^(.+?)(?: \(layer (\d+)\))?$/.exec(part);
        if (!m) continue;
        const [path, inner] = m[1]!.split('!/');
        locations.push({
          path: path!,
          ...(inner ? { innerPath: inner } : {}),
          ...(m[2] ? { layerIndex: Number(m[2]) } : {}),
        });
      }
    // source package: Trivy's "built package from: zlib 1:1.2.13.dfsg-1", Palisade's "built from source package …"
    const src = str(p.sourceInfo)?.match(/^built (?:package from:|from source package) (\S+) (\S+)$/);
    drafts.push({
      purl,
      ...(str(p.name) ? { name: p.name as string } : {}),
      ...(str(p.versionInfo) ? { version: p.versionInfo as string } : {}),
      licenses,
      locations,
      ...(src ? { source: { name: src[1]!, version: src[2]! } } : {}),
    });
  }
  return finish('spdx', source, drafts, noPurl, warnings, fallback, {
    name: rootName ?? str(doc.name) ?? basename(source),
    os,
    layers: [],
  });
}

function finish(
  format: SbomInventory['format'],
  source: string,
  drafts: Draft[],
  noPurl: number,
  warnings: Warning[],
  fallback: Location,
  a: { name: string; os?: OSInfo; layers: LayerInfo[]; digest?: string },
): SbomInventory {
  const packages: Package[] = [];
  const seen = new Set<string>();
  let bad = 0;
  for (const d of drafts) {
    const p = toPackage(d, `sbom-${format}`, fallback);
    if (!p) {
      bad++;
      continue;
    }
    const key = `${p.purl}\0${p.locations.map((l) => l.path).join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    packages.push(p);
  }
  if (noPurl)
    warnings.push({
      code: 'SBOM_NO_PURL',
      message: `${source}: ${noPurl} component${noPurl === 1 ? ' has' : 's have'} no purl and cannot be matched`,
    });
  if (bad)
    warnings.push({
      code: 'SBOM_BAD_PURL',
      message: `${source}: ${bad} component${bad === 1 ? ' has' : 's have'} an unparsable purl; skipped`,
    });
  let os = a.os;
  if (!os) for (const p of packages) if ((os = osFromDistro(parsePurl(p.purl)?.qualifiers?.distro))) break;
  if (os?.family === 'debian' && !os.codename) {
    const first = packages.find((p) => p.ecosystem === 'deb');
    const distro = first ? parsePurl(first.purl)?.qualifiers?.distro : undefined;
    if (distro && !/\d/.test(distro)) os.codename = distro;
  }
  const artifact: Artifact = {
    name: a.name,
    type: 'sbom',
    layers: a.layers.sort((x, y) => x.index - y.index),
    ...(a.digest ? { digest: a.digest } : {}),
    ...(os ? { os } : {}),
  };
  return { format, artifact, packages, warnings };
}
