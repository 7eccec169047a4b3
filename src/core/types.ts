// Domain types shared by every stage. No I/O here. The JSON report (schema/report.schema.json) is
// these types serialised, so changing a field here is a schema change: bump REPORT_SCHEMA_VERSION.

export const REPORT_SCHEMA_VERSION = '1.1.0';

/** purl types we catalog (package-url spec); `ecosystem` of a Package is always one of these. */
export type Ecosystem =
  | 'deb'
  | 'apk'
  | 'rpm'
  | 'npm'
  | 'pypi'
  | 'golang'
  | 'maven'
  | 'gem'
  | 'cargo'
  | 'composer'
  | 'nuget'
  | 'generic';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'unknown'];
/** Larger is worse; `unknown` ranks lowest so a gate at `low` does not fire on it. */
export function severityRank(s: Severity): number {
  return { critical: 4, high: 3, medium: 2, low: 1, unknown: 0 }[s];
}

export type FindingKind = 'vulnerability' | 'secret' | 'misconfig' | 'malware' | 'license';

/** Where something is inside an artifact. `layerIndex` is 0-based in the image's layer order. */
export interface Location {
  path: string;
  layerIndex?: number;
  /** diffID of that layer (sha256 of the uncompressed tar). */
  layerDiffId?: string;
  line?: number;
  column?: number;
  /** For files inside archives (jar in jar): the path inside, joined with '!/' after `path`. */
  innerPath?: string;
}

export interface OSInfo {
  /** os-release ID, e.g. debian, alpine, ubuntu, rhel, centos, rocky, almalinux, fedora, opensuse-leap */
  family: string;
  /** VERSION_ID or equivalent, e.g. "12", "3.19.1", "9.3" */
  version: string;
  /** Debian/Ubuntu codename (bookworm, jammy) when known */
  codename?: string;
  prettyName?: string;
  /** true when the release is known to be past its vendor's end of life */
  eol?: boolean;
}

export interface Package {
  name: string;
  version: string;
  ecosystem: Ecosystem;
  /** package-url, canonical form; the identity of this package */
  purl: string;
  arch?: string;
  /** OS packages: the source package (Debian source, apk origin, rpm source rpm name) */
  source?: { name: string; version: string };
  /** SPDX expressions (or LicenseRef-*) */
  licenses?: string[];
  /** Where the evidence for this package was found: manifest/db path and layer */
  locations: Location[];
  /** dpkg/apk/rpm: the files this package owns (image paths, no leading '/') */
  files?: string[];
  /** Set when the package's files are owned by an OS package: that package's purl */
  ownedBy?: string;
  /** true for dev-only dependencies (from lockfiles) */
  dev?: boolean;
  /** direct dependencies as purls, where the evidence says so */
  dependsOn?: string[];
  /** cataloger that found it */
  foundBy: string;
  /** free-form, cataloger specific (maintainer, vendor, modularity label, go version, …) */
  metadata?: Record<string, unknown>;
}

interface FindingBase {
  kind: FindingKind;
  /** stable id: CVE/GHSA id, rule id, check id */
  id: string;
  title: string;
  severity: Severity;
  /** where the severity came from: 'debian', 'ghsa', 'nvd', 'cvss', 'rule', … */
  severitySource?: string;
  description?: string;
  references?: string[];
  location?: Location;
}

export interface VulnerabilityFinding extends FindingBase {
  kind: 'vulnerability';
  aliases?: string[];
  /** the affected package */
  pkg: {
    name: string;
    version: string;
    purl: string;
    ecosystem: Ecosystem;
    source?: { name: string; version: string };
  };
  status: 'affected' | 'fixed' | 'unknown' | 'not_affected' | 'will_not_fix';
  fixedVersions?: string[];
  cvss?: { version: string; vector: string; score: number; source?: string }[];
  kev?: boolean;
  dataSource?: string;
  /** every place the package was found (its layer and paths); `location` is the first of them */
  locations?: Location[];
}

export interface SecretFinding extends FindingBase {
  kind: 'secret';
  category: string;
  /** redacted match: first 4 characters then **** */
  match: string;
  /** the layer that hid this file (deleted or overwrote it), when the secret is no longer visible */
  hiddenInLayer?: number;
  example?: boolean;
}

export interface MalwareFinding extends FindingBase {
  kind: 'malware';
  rule: string;
  namespace?: string;
  sha256?: string;
  hiddenInLayer?: number;
}

export interface MisconfigFinding extends FindingBase {
  kind: 'misconfig';
  checkId: string;
  /** resource the check ran on: "Deployment/default/web", "Dockerfile", "image-config" */
  resource?: string;
  /** JSON path into the resource, e.g. spec.template.spec.containers[0].securityContext.privileged */
  jsonPath?: string;
  remediation?: string;
  frameworks?: Record<string, string[]>;
}

export interface LicenseFinding extends FindingBase {
  kind: 'license';
  license: string;
  pkg: { name: string; version: string; purl: string };
}

export type Finding =
  VulnerabilityFinding | SecretFinding | MalwareFinding | MisconfigFinding | LicenseFinding;

/** A vulnerability with a fixed version to move to (what `--fail-on fixable` and reports call fixable). */
export function isFixable(f: Finding): boolean {
  return f.kind === 'vulnerability' && f.status === 'affected' && (f.fixedVersions?.length ?? 0) > 0;
}

/** An expected problem: a bad file inside an image, a skipped record. Never a crash of the scan. */
export interface Warning {
  code: string;
  message: string;
  location?: Location;
}

export interface LayerInfo {
  index: number;
  /** sha256 of the uncompressed tar (from the image config's rootfs.diff_ids) */
  diffId: string;
  /** digest of the blob as stored (compressed), when different */
  digest?: string;
  size?: number;
  mediaType?: string;
  /** the history entry's created_by for this layer, when known */
  createdBy?: string;
  /** true when the analysis came from the layer cache */
  cached?: boolean;
  /** true when the layer could not be fully read (foreign, corrupt, over a limit): see warnings */
  incomplete?: boolean;
}

export type ArtifactType =
  'container-image' | 'rootfs' | 'filesystem' | 'sbom' | 'config' | 'kubernetes' | 'host';

export interface Artifact {
  name: string;
  type: ArtifactType;
  /** image: the manifest digest, or image id (config digest) when there is no manifest digest */
  digest?: string;
  imageId?: string;
  repoTags?: string[];
  repoDigests?: string[];
  platform?: string;
  os?: OSInfo;
  layers: LayerInfo[];
  /** the image config (OCI image config JSON), kept for config checks and history */
  config?: ImageConfig;
}

/** The parts of the OCI image configuration the scanner uses. */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  config?: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    ExposedPorts?: Record<string, unknown>;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
    Healthcheck?: { Test?: string[] };
    Volumes?: Record<string, unknown>;
  };
  history?: { created?: string; created_by?: string; empty_layer?: boolean; comment?: string }[];
  rootfs?: { type: string; diff_ids: string[] };
}

/**
 * Why a finding is not reported. One model for every source: the project ignore file, VEX
 * statements, inline comments and resource annotations (src/evaluate/suppress.ts).
 */
export interface Suppression {
  /** who suppressed it: '.palisadeignore', 'vex', 'inline comment palisade:ignore', … */
  by: string;
  reason?: string;
  /** the file the rule or statement came from */
  source?: string;
  /** VEX status as written (not_affected, fixed) */
  status?: string;
  /** VEX justification as written (OpenVEX or CycloneDX vocabulary) */
  justification?: string;
  /** ignore-file entries: the date (YYYY-MM-DD) after which the entry stops applying */
  expires?: string;
}

export type SuppressedFinding = Finding & { suppression: Suppression };

/**
 * A source of suppressions outside the scanned files (ignore file, VEX). `match` returns the
 * suppression details (without `by`, which is `name`) or undefined when the finding stays.
 */
export interface Suppressor {
  name: string;
  match(finding: Finding): Omit<Suppression, 'by'> | undefined;
}

export interface Report {
  schemaVersion: string;
  artifact: Artifact;
  packages: Package[];
  findings: Finding[];
  /** findings hidden by an ignore file, VEX or an inline suppression; counted, never lost */
  suppressed?: SuppressedFinding[];
  warnings: Warning[];
  db?: { schemaVersion: number; builtAt?: string; sources?: Record<string, string> };
  /** milliseconds per stage */
  timings?: Record<string, number>;
  /** scanner name and version */
  scanner: { name: 'palisade'; version: string };
  createdAt: string;
}
