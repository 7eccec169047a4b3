// CycloneDX 1.6 JSON. One component per package (bom-ref = purl), dependencies where the catalogers
// know them, licenses as SPDX ids or expressions, where each package was found as palisade:*
// properties; the report's vulnerabilities (and their VEX analysis) are added by
// cyclonedx-vulnerabilities.ts.
//
// The document is built here as plain JSON in exactly the shape, key order and list order that
// @cyclonedx/cyclonedx-library's model and JSON normaliser give it (sortLists, 2-space indent), and
// src/testing/cyclonedx-reference.ts keeps the library path as the reference: tests require the two to
// be byte-identical, and validate the result against the official 1.6 schema. Going through the model
// at run time cost 90–180 ms to load the library and ~4× the time of this code to normalise a
// 1,000-component BOM (its sorts call String#localeCompare per comparison), about a quarter of the
// time of rendering every format of a 5,000-finding report. The library's SPDX id list (the ids the
// CycloneDX schema accepts) is still what decides between a license id and a license name.
import { isSupportedSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import type { PackageURL } from 'packageurl-js';
import { parsePurl } from '../match/purl-match.js';
import type { Artifact, Package } from '../core/types.js';
import { unowned } from '../catalog/ownership.js';
import { VERSION } from '../version.js';
import { cyclonedxVulnerabilities } from './cyclonedx-vulnerabilities.js';
import type { ReportWriter } from './writer.js';

export interface SbomInput {
  artifact: Artifact;
  packages: Package[];
  /** ISO time; defaults to now */
  createdAt?: string;
}

type Json = Record<string, unknown>;

export const CYCLONEDX_SCHEMA_URL = 'http://cyclonedx.org/schema/bom-1.6.schema.json';

// the library compares with String#localeCompare (the default locale's collation); one collator does
// the same comparisons without building one per call
const collator = new Intl.Collator();
const cmp = collator.compare;

const HASH_ALG: Record<string, string> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};
/** hash contents the 1.6 schema accepts (MD5 … SHA-512 lengths of hex) */
const HASH_VALUE =
  /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/;

/** npm/pnpm "sha512-<base64>" integrity and Go "h1:" sums → hex hashes by CycloneDX algorithm name */
export function packageHashes(p: Package): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of [p.metadata?.integrity, p.metadata?.sha512]) {
    if (typeof v !== 'string') continue;
    const m = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/=]+)$/.exec(v);
    if (m && HASH_ALG[m[1]!]) out.set(HASH_ALG[m[1]!]!, Buffer.from(m[2]!, 'base64').toString('hex'));
  }
  const h1 = p.metadata?.h1;
  if (typeof h1 === 'string' && h1.startsWith('h1:'))
    out.set('SHA-256', Buffer.from(h1.slice(3), 'base64').toString('hex'));
  return out;
}

function hashes(p: Package): Json[] | undefined {
  const out = packageHashes(p);
  if (!out.size) return undefined;
  // (a list that every value fails is written empty, as the library does)
  return [...out]
    .sort(([a1, c1], [a2, c2]) => cmp(a1, a2) || cmp(c1, c2))
    .filter(([, content]) => HASH_VALUE.test(content))
    .map(([alg, content]) => ({ alg, content }));
}

type License =
  | { kind: 'LicenseExpression'; expression: string }
  | { kind: 'NamedLicense'; name: string }
  | { kind: 'SpdxLicense'; id: string };

function licenseChoices(p: Package): License[] {
  const list: License[] = [];
  for (const l of p.licenses ?? []) {
    if (/^[A-Za-z0-9.+-]+$/.test(l) && !l.startsWith('LicenseRef-'))
      list.push({ kind: 'SpdxLicense', id: l });
    else if (l.startsWith('LicenseRef-') && !/\s/.test(l))
      list.push({ kind: 'NamedLicense', name: l.slice('LicenseRef-'.length) });
    else list.push({ kind: 'LicenseExpression', expression: l });
  }
  // CycloneDX allows one expression or any number of named/SPDX licenses, not both
  if (list.length > 1 && list.some((x) => x.kind === 'LicenseExpression'))
    return [
      {
        kind: 'LicenseExpression',
        expression: list
          .map((x) =>
            x.kind === 'LicenseExpression'
              ? `(${x.expression})`
              : x.kind === 'SpdxLicense'
                ? x.id
                : `LicenseRef-${x.name}`,
          )
          .join(' AND '),
      },
    ];
  return list;
}

function licenseKey(l: License): string {
  return l.kind === 'LicenseExpression' ? l.expression : l.kind === 'NamedLicense' ? l.name : l.id;
}

function licenses(p: Package): Json[] | undefined {
  const list = licenseChoices(p);
  if (!list.length) return undefined;
  // sorted by kind (class name), then by expression/name/id
  list.sort((a, b) => (a.kind === b.kind ? cmp(licenseKey(a), licenseKey(b)) : cmp(a.kind, b.kind)));
  if (list.length > 1) {
    const expr = list.find((l) => l.kind === 'LicenseExpression');
    if (expr) return [{ expression: licenseKey(expr) }];
  }
  return list.map((l) =>
    l.kind === 'LicenseExpression'
      ? { expression: l.expression }
      : l.kind === 'SpdxLicense' && isSupportedSpdxId(l.id)
        ? { license: { id: l.id } }
        : { license: { name: licenseKey(l) } },
  );
}

export interface Property {
  name: string;
  value: string;
}

function sortedProperties(props: Property[]): Property[] {
  return props.sort((a, b) => cmp(a.name, b.name) || cmp(a.value, b.value));
}

interface Draft {
  ref: string;
  name: string;
  group?: string;
  version: string;
  scope?: string;
  hashes?: Json[];
  licenses?: Json[];
  purl?: string;
  properties: Property[];
  dependsOn: Set<string>;
}

function locationPath(l: Package['locations'][number]): string {
  return l.innerPath ? `${l.path}!/${l.innerPath}` : l.path;
}

/**
 * What the SBOM says about a package besides its identity: where it was found and how, as palisade:*
 * properties (in this order before sorting), and the purl namespace that CycloneDX calls the group.
 * Shared with the library-based reference in src/testing, which checks how they are written.
 */
export function packageFacts(
  p: Package,
  purl: PackageURL | undefined,
): { properties: Property[]; group?: string } {
  const properties: Property[] = [
    { name: 'palisade:ecosystem', value: p.ecosystem },
    { name: 'palisade:foundBy', value: p.foundBy },
  ];
  p.locations.forEach((l, i) => {
    const sfx = p.locations.length > 1 ? `:${i}` : '';
    properties.push({ name: `palisade:location${sfx}:path`, value: locationPath(l) });
    if (l.layerIndex !== undefined)
      properties.push({ name: `palisade:location${sfx}:layerIndex`, value: String(l.layerIndex) });
    if (l.layerDiffId) properties.push({ name: `palisade:location${sfx}:layerDiffID`, value: l.layerDiffId });
  });
  if (p.dev) properties.push({ name: 'palisade:dev', value: 'true' });
  if (p.source) properties.push({ name: 'palisade:source', value: `${p.source.name}@${p.source.version}` });
  if (p.arch) properties.push({ name: 'palisade:arch', value: p.arch });
  const group = purl?.namespace && GROUPED.has(p.ecosystem) ? purl.namespace : undefined;
  return group ? { properties, group } : { properties };
}

/** ecosystems whose purl namespace is the component's group */
const GROUPED = new Set(['maven', 'npm', 'composer', 'golang']);

function draft(p: Package): Draft {
  const purl = parsePurl(p.purl);
  const { properties: props, group } = packageFacts(p, purl);
  return {
    ref: p.purl,
    name: purl?.name ?? p.name,
    ...(group ? { group } : {}),
    version: p.version,
    ...(p.dev ? { scope: 'optional' } : {}),
    hashes: hashes(p),
    licenses: licenses(p),
    ...(purl ? { purl: p.purl } : {}),
    properties: props,
    dependsOn: new Set(),
  };
}

/** A component in the normaliser's key order; empty lists and strings are left out as it does. */
function componentJson(type: string, d: Omit<Draft, 'dependsOn'>): Json {
  const c: Json = { type, name: d.name };
  if (d.group) c.group = d.group;
  if (d.version) c.version = d.version;
  if (d.ref) c['bom-ref'] = d.ref;
  if (d.scope) c.scope = d.scope;
  if (d.hashes) c.hashes = d.hashes;
  if (d.licenses?.length) c.licenses = d.licenses;
  if (d.purl !== undefined) c.purl = d.purl;
  if (d.properties.length) c.properties = sortedProperties(d.properties);
  return c;
}

/**
 * The SBOM of `input` as a CycloneDX 1.6 document (plain JSON), with `extra` top-level sections
 * (vulnerabilities) after the dependency graph.
 */
export function cyclonedxDocument(input: SbomInput, extra: Json = {}): Json {
  const a = input.artifact;
  const rootRef = `palisade:artifact:${a.digest ?? a.name}`;
  const rootProps: Property[] = a.layers.map((l) => ({
    name: `palisade:layer:${l.index}:diffID`,
    value: l.diffId,
  }));
  if (a.os) rootProps.push({ name: 'palisade:os', value: `${a.os.family} ${a.os.version}` });
  const byRef = new Map<string, Draft>();
  for (const p of unowned(input.packages)) {
    const known = byRef.get(p.purl);
    if (known) {
      // the same package found in several places: one component, every location as a property
      for (const l of p.locations)
        known.properties.push({ name: 'palisade:location:path', value: locationPath(l) });
      continue;
    }
    byRef.set(p.purl, draft(p));
  }
  for (const p of input.packages) {
    const d = byRef.get(p.purl);
    if (!d) continue;
    for (const dep of p.dependsOn ?? []) if (dep !== p.purl && byRef.has(dep)) d.dependsOn.add(dep);
  }
  // bom-refs must be unique and non-empty; the library replaces offenders (an empty purl) with generated
  // ones, and so do we, deterministically
  const seen = new Set<string>(['', rootRef]);
  const renamed = new Map<string, string>();
  let generated = 0;
  const drafts = [...byRef.values()];
  for (const d of drafts) {
    if (seen.has(d.ref)) {
      const ref = `BomRef.palisade.${++generated}`;
      renamed.set(d.ref, ref);
      d.ref = ref;
    }
    seen.add(d.ref);
  }
  if (renamed.size)
    for (const d of drafts) d.dependsOn = new Set([...d.dependsOn].map((r) => renamed.get(r) ?? r));
  drafts.sort((x, y) => cmp(x.ref, y.ref));
  const components = drafts.map((d) => componentJson('library', d));
  const dependencies: Json[] = [
    {
      ref: rootRef,
      ...(drafts.length ? { dependsOn: drafts.map((d) => d.ref) } : {}),
    },
    ...drafts.map((d) => ({
      ref: d.ref,
      ...(d.dependsOn.size ? { dependsOn: [...d.dependsOn].sort(cmp) } : {}),
    })),
  ].sort((x, y) => cmp(x.ref as string, y.ref as string));
  const root = componentJson(a.type === 'container-image' ? 'container' : 'application', {
    ref: rootRef,
    name: a.name,
    version: a.digest ?? '',
    properties: rootProps,
  });
  return {
    $schema: CYCLONEDX_SCHEMA_URL,
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      timestamp: new Date(input.createdAt ?? Date.now()).toISOString(),
      tools: { components: [{ type: 'application', name: 'palisade', version: VERSION }] },
      component: root,
    },
    components,
    dependencies,
    ...extra,
  };
}

export function cyclonedxJson(input: SbomInput): string {
  return JSON.stringify(cyclonedxDocument(input), null, 2);
}

/** `--format cyclonedx`: the report's packages as a CycloneDX 1.6 JSON SBOM, with the scan's
 * vulnerabilities (and their VEX analysis) added by cyclonedx-vulnerabilities.ts. */
export const cyclonedxWriter: ReportWriter = {
  format: 'cyclonedx',
  render(r) {
    const vulnerabilities = cyclonedxVulnerabilities(r);
    const doc = cyclonedxDocument(
      { artifact: r.artifact, packages: r.packages, createdAt: r.createdAt },
      vulnerabilities.length ? { vulnerabilities } : {},
    );
    return `${JSON.stringify(doc, null, 2)}\n`;
  },
};
