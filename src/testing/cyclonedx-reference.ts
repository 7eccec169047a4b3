// The reference for src/report/cyclonedx.ts: the same SBOM built through @cyclonedx/cyclonedx-library's
// model and serialised by its normaliser (the spec as its maintainers read it). Tests require the
// shipped writer's output to equal this byte for byte; see cyclonedx.ts for why the writer does not
// go through the model itself.
import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import { parsePurl } from '../match/purl-match.js';
import { packageFacts, packageHashes } from '../report/cyclonedx.js';
import type { Artifact, Package, Report } from '../core/types.js';
import { unowned } from '../catalog/ownership.js';
import { VERSION } from '../version.js';
import { cyclonedxVulnerabilities } from '../report/cyclonedx-vulnerabilities.js';

interface SbomInput {
  artifact: Artifact;
  packages: Package[];
  createdAt?: string;
}

function hashes(p: Package): Models.HashDictionary {
  const out = new Models.HashDictionary();
  for (const [alg, hex] of packageHashes(p)) out.set(alg as Enums.HashAlgorithm, hex);
  return out;
}

function licenses(p: Package): Models.LicenseRepository {
  const repo = new Models.LicenseRepository();
  for (const l of p.licenses ?? []) {
    if (/^[A-Za-z0-9.+-]+$/.test(l) && !l.startsWith('LicenseRef-')) repo.add(new Models.SpdxLicense(l));
    else if (l.startsWith('LicenseRef-') && !/\s/.test(l))
      repo.add(new Models.NamedLicense(l.slice('LicenseRef-'.length)));
    else repo.add(new Models.LicenseExpression(l));
  }
  // CycloneDX allows one expression or any number of named/SPDX licenses, not both
  const all = [...repo];
  if (all.length > 1 && all.some((x) => x instanceof Models.LicenseExpression)) {
    const only = new Models.LicenseRepository();
    only.add(
      new Models.LicenseExpression(
        all
          .map((x) =>
            x instanceof Models.LicenseExpression
              ? `(${x.expression})`
              : x instanceof Models.SpdxLicense
                ? x.id
                : `LicenseRef-${(x as Models.NamedLicense).name}`,
          )
          .join(' AND '),
      ),
    );
    return only;
  }
  return repo;
}

function component(p: Package): Models.Component {
  const purl = parsePurl(p.purl);
  const facts = packageFacts(p, purl);
  const props = new Models.PropertyRepository();
  for (const x of facts.properties) props.add(new Models.Property(x.name, x.value));
  const group = facts.group;
  return new Models.Component(
    p.ecosystem === 'deb' || p.ecosystem === 'rpm' || p.ecosystem === 'apk'
      ? Enums.ComponentType.Library
      : Enums.ComponentType.Library,
    purl?.name ?? p.name,
    {
      bomRef: p.purl,
      version: p.version,
      ...(group ? { group } : {}),
      ...(purl ? { purl: p.purl } : {}),
      hashes: hashes(p),
      licenses: licenses(p),
      properties: props,
      ...(p.dev ? { scope: Enums.ComponentScope.Optional } : {}),
    },
  );
}

export function cyclonedxBom(input: SbomInput): Models.Bom {
  const bom = new Models.Bom();
  const a = input.artifact;
  const root = new Models.Component(
    a.type === 'container-image' ? Enums.ComponentType.Container : Enums.ComponentType.Application,
    a.name,
    {
      bomRef: `palisade:artifact:${a.digest ?? a.name}`,
      ...(a.digest ? { version: a.digest } : {}),
    },
  );
  for (const l of a.layers)
    root.properties.add(new Models.Property(`palisade:layer:${l.index}:diffID`, l.diffId));
  if (a.os) root.properties.add(new Models.Property('palisade:os', `${a.os.family} ${a.os.version}`));
  bom.metadata.component = root;
  bom.metadata.timestamp = new Date(input.createdAt ?? Date.now());
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, 'palisade', { version: VERSION }),
  );
  const byRef = new Map<string, Models.Component>();
  for (const p of unowned(input.packages)) {
    if (byRef.has(p.purl)) {
      // the same package found in several places: one component, every location as a property
      const c = byRef.get(p.purl)!;
      for (const l of p.locations)
        c.properties.add(
          new Models.Property('palisade:location:path', l.innerPath ? `${l.path}!/${l.innerPath}` : l.path),
        );
      continue;
    }
    const c = component(p);
    byRef.set(p.purl, c);
    bom.components.add(c);
  }
  for (const p of input.packages) {
    const c = byRef.get(p.purl);
    if (!c) continue;
    for (const d of p.dependsOn ?? []) {
      const dc = byRef.get(d);
      if (dc && dc !== c) c.dependencies.add(dc.bomRef);
    }
  }
  for (const c of byRef.values()) root.dependencies.add(c.bomRef);
  return bom;
}

/** The library's serializer, with sections added as plain JSON after normalisation (vulnerabilities). */
class ExtendedJsonSerializer extends Serialize.JsonSerializer {
  constructor(private extra: Record<string, unknown>) {
    super(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  }
  protected override _serialize(
    normalized: Serialize.JSON.Types.Normalized.Bom,
    options?: { space?: number },
  ): string {
    return super._serialize({ ...normalized, ...this.extra } as Serialize.JSON.Types.Normalized.Bom, options);
  }
}

export function serializeCyclonedx(bom: Models.Bom, extra: Record<string, unknown> = {}): string {
  return new ExtendedJsonSerializer(extra).serialize(bom, { sortLists: true, space: 2 });
}

export function referenceCyclonedxJson(input: SbomInput): string {
  return serializeCyclonedx(cyclonedxBom(input));
}

/** What the writer renders for a report, through the library */
export function referenceCyclonedxReport(r: Report): string {
  const bom = cyclonedxBom({ artifact: r.artifact, packages: r.packages, createdAt: r.createdAt });
  const vulnerabilities = cyclonedxVulnerabilities(r);
  return `${serializeCyclonedx(bom, vulnerabilities.length ? { vulnerabilities } : {})}\n`;
}
