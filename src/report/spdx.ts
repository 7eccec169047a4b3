// SPDX 2.3 JSON. No maintained JS library writes SPDX 2.3 documents, and the document is plain data
// (packages, external purl refs, relationships), so it is built here. Licenses go in
// licenseDeclared (what the package says); licenseConcluded stays NOASSERTION, as no one reviewed it.
import { createHash, randomUUID } from 'node:crypto';
import type { Package } from '../core/types.js';
import { unowned } from '../catalog/ownership.js';
import { VERSION } from '../version.js';
import type { SbomInput } from './cyclonedx.js';
import type { ReportWriter } from './writer.js';

/** SPDXRef ids allow letters, digits, '.' and '-' only */
function spdxId(prefix: string, key: string): string {
  const h = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return `SPDXRef-${prefix}-${h}`;
}

function licenseField(p: Package): string {
  const l = p.licenses ?? [];
  if (!l.length) return 'NOASSERTION';
  return l.length === 1 ? l[0]! : l.map((x) => `(${x})`).join(' AND ');
}

export function spdxDocument(input: SbomInput): Record<string, unknown> {
  const a = input.artifact;
  const created = new Date(input.createdAt ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const rootId = spdxId('Artifact', a.digest ?? a.name);
  const packages: Record<string, unknown>[] = [
    {
      SPDXID: rootId,
      name: a.name,
      ...(a.digest ? { versionInfo: a.digest } : {}),
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: a.type === 'container-image' ? 'CONTAINER' : 'SOURCE',
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
    },
  ];
  const relationships: Record<string, unknown>[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: rootId },
  ];
  const ids = new Map<string, string>();
  for (const p of unowned(input.packages)) {
    if (ids.has(p.purl)) continue;
    const id = spdxId('Package', p.purl);
    ids.set(p.purl, id);
    const where = p.locations.map(
      (l) =>
        (l.innerPath ? `${l.path}!/${l.innerPath}` : l.path) +
        (l.layerIndex !== undefined ? ` (layer ${l.layerIndex})` : ''),
    );
    packages.push({
      SPDXID: id,
      name: p.name,
      versionInfo: p.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: licenseField(p),
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose:
        p.ecosystem === 'deb' || p.ecosystem === 'rpm' || p.ecosystem === 'apk'
          ? 'OPERATING_SYSTEM'
          : 'LIBRARY',
      ...(p.source ? { sourceInfo: `built from source package ${p.source.name} ${p.source.version}` } : {}),
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl },
      ],
      comment: `found by ${p.foundBy} at ${where.join(', ')}`,
    });
    relationships.push({ spdxElementId: rootId, relationshipType: 'CONTAINS', relatedSpdxElement: id });
  }
  for (const p of input.packages) {
    const from = ids.get(p.purl);
    if (!from) continue;
    for (const d of p.dependsOn ?? []) {
      const to = ids.get(d);
      if (to && to !== from)
        relationships.push({ spdxElementId: from, relationshipType: 'DEPENDS_ON', relatedSpdxElement: to });
    }
  }
  // LicenseRef-* ids used in expressions must be declared in the document
  const refs = new Set<string>();
  for (const pk of packages)
    for (const m of String(pk.licenseDeclared).matchAll(/LicenseRef-[A-Za-z0-9.-]+/g)) refs.add(m[0]);
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: a.name,
    documentNamespace: `https://palisade.invalid/spdx/${encodeURIComponent(a.name)}-${randomUUID()}`,
    creationInfo: { created, creators: [`Tool: palisade-${VERSION}`] },
    packages,
    relationships,
    ...(refs.size
      ? {
          hasExtractedLicensingInfos: [...refs].sort().map((r) => ({
            licenseId: r,
            extractedText: `The package declares the license "${r.slice('LicenseRef-'.length)}", which has no SPDX id.`,
          })),
        }
      : {}),
  };
}

export function spdxJson(input: SbomInput): string {
  return `${JSON.stringify(spdxDocument(input), null, 2)}\n`;
}

/** `--format spdx`: the report's packages as an SPDX 2.3 JSON document. */
export const spdxWriter: ReportWriter = {
  format: 'spdx',
  render: (r) => spdxJson({ artifact: r.artifact, packages: r.packages, createdAt: r.createdAt }),
};
