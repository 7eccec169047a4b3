// rpm header → Package, shared by the three rpmdb backends (sqlite, bdb, ndb).
import { PackageURL } from 'packageurl-js';
import type { AnalysisResult, FileResult, FinalizeContext } from '../analyzer.js';
import type { OSInfo, Package, Warning } from '../../core/types.js';
import { errorMessage } from '../../core/errors.js';
import { normaliseLicense } from '../license.js';
import { makePurl } from '../purl.js';
import { originLayers } from './layer-origin.js';
import {
  RPMTAG,
  headerFiles,
  headerInts,
  headerString,
  parseRpmHeader,
  type RpmHeader,
} from './rpm-header.js';

/** rpm vendor → purl namespace (the distro id), so purls are right before OS detection refines them. */
const VENDOR_NAMESPACE: [RegExp, string][] = [
  [/red hat/i, 'redhat'],
  [/centos/i, 'centos'],
  [/fedora/i, 'fedora'],
  [/rocky/i, 'rocky'],
  [/alma/i, 'almalinux'],
  [/suse/i, 'opensuse'],
  [/amazon/i, 'amazon'],
  [/oracle/i, 'oracle'],
  [/microsoft/i, 'mariner'],
];

export function rpmNamespace(vendor: string | undefined): string {
  for (const [re, ns] of VENDOR_NAMESPACE) if (vendor && re.test(vendor)) return ns;
  return 'rpm';
}

/** os-release ID of rpm-based distributions → purl namespace (Red Hat's own purls say "redhat"). */
const OS_NAMESPACE: Record<string, string> = {
  rhel: 'redhat',
  centos: 'centos',
  fedora: 'fedora',
  rocky: 'rocky',
  almalinux: 'almalinux',
  ol: 'oracle',
  amzn: 'amazon',
  'opensuse-leap': 'opensuse',
  'opensuse-tumbleweed': 'opensuse',
  opensuse: 'opensuse',
  sles: 'suse',
  sled: 'suse',
  'sle-micro': 'suse',
  mariner: 'mariner',
  azurelinux: 'azurelinux',
  photon: 'photon',
};

/**
 * The purl once the OS is known: namespace from the distribution (the vendor tag stays the fallback,
 * e.g. an rpmdb in a non-rpm image) and `distro=<id>-<version>`, as deb and apk purls carry.
 */
export function rpmPurlForOs(purl: string, os: OSInfo | undefined): string {
  if (!os) return purl;
  const p = PackageURL.fromString(purl);
  const ns = OS_NAMESPACE[os.family] ?? p.namespace;
  const q = { ...(p.qualifiers ?? {}) };
  if (OS_NAMESPACE[os.family] && os.version) q.distro = `${os.family}-${os.version}`;
  return new PackageURL('rpm', ns, p.name, p.version, q, p.subpath).toString();
}

const rpmKey = (p: Package) => `${p.name}:${p.arch ?? ''}`;

/**
 * Final rpm packages: those of the visible database, each placed in the layer that installed its
 * current version (the database is rewritten whole by every layer that runs rpm/dnf), with purls
 * completed from the detected OS.
 */
export function finalizeRpm(results: FileResult[], ctx: FinalizeContext): AnalysisResult {
  const origin = originLayers(
    results,
    (r) => r.result.packages,
    rpmKey,
    (p) => p.version,
  );
  const packages: Package[] = [];
  const warnings: Warning[] = [];
  for (const r of results) {
    if (r.hiddenInLayer !== undefined) continue;
    warnings.push(...(r.result.warnings ?? []));
    for (const p of r.result.packages ?? [])
      packages.push({
        ...p,
        purl: rpmPurlForOs(p.purl, ctx.os),
        locations: p.locations.map((l) => ({ ...l, layerIndex: origin.get(rpmKey(p)) ?? r.layerIndex })),
      });
  }
  return { packages, warnings };
}

/** name-version-release.arch.rpm / .src.rpm → { name, version-release } */
export function parseSourceRpm(srpm: string): { name: string; version: string } | undefined {
  const m = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(srpm);
  return m ? { name: m[1]!, version: `${m[2]}-${m[3]}` } : undefined;
}

export function rpmHeaderToPackage(h: RpmHeader, path: string, foundBy: string): Package | undefined {
  const name = headerString(h, RPMTAG.NAME);
  const version = headerString(h, RPMTAG.VERSION);
  const release = headerString(h, RPMTAG.RELEASE);
  if (!name || version === undefined || release === undefined) return undefined;
  // gpg-pubkey entries are imported signing keys, not software
  if (name === 'gpg-pubkey') return undefined;
  const epoch = headerInts(h, RPMTAG.EPOCH)[0];
  const arch = headerString(h, RPMTAG.ARCH);
  const vendor = headerString(h, RPMTAG.VENDOR);
  const sourceRpm = headerString(h, RPMTAG.SOURCERPM);
  const license = headerString(h, RPMTAG.LICENSE);
  const modularityLabel = headerString(h, RPMTAG.MODULARITYLABEL);
  const full = `${version}-${release}`;
  const qualifiers: Record<string, string> = {};
  if (arch) qualifiers.arch = arch;
  if (epoch !== undefined && epoch !== 0) qualifiers.epoch = String(epoch);
  const pkg: Package = {
    name,
    version: epoch ? `${epoch}:${full}` : full,
    ecosystem: 'rpm',
    purl: makePurl('rpm', rpmNamespace(vendor), name, full, qualifiers),
    locations: [{ path }],
    foundBy,
    files: headerFiles(h),
  };
  if (arch) pkg.arch = arch;
  const src = sourceRpm ? parseSourceRpm(sourceRpm) : undefined;
  if (src) pkg.source = { name: src.name, version: epoch ? `${epoch}:${src.version}` : src.version };
  const spdx = normaliseLicense(license);
  if (spdx) pkg.licenses = [spdx];
  const metadata: Record<string, unknown> = {};
  if (epoch !== undefined) metadata.epoch = epoch;
  if (vendor) metadata.vendor = vendor;
  if (sourceRpm) metadata.sourceRpm = sourceRpm;
  if (license) metadata.license = license;
  if (modularityLabel) metadata.modularityLabel = modularityLabel;
  const size = headerInts(h, RPMTAG.SIZE)[0];
  if (size !== undefined) metadata.size = size;
  pkg.metadata = metadata;
  return pkg;
}

/** Parses every blob; a corrupt one becomes a warning and the rest still count. */
export function rpmBlobsToResult(blobs: Iterable<Buffer>, path: string, foundBy: string): AnalysisResult {
  const packages: Package[] = [];
  const warnings: Warning[] = [];
  for (const blob of blobs) {
    try {
      const pkg = rpmHeaderToPackage(parseRpmHeader(blob), path, foundBy);
      if (pkg) packages.push(pkg);
    } catch (e) {
      warnings.push({ code: 'rpm-header', message: `${path}: ${errorMessage(e)}`, location: { path } });
    }
  }
  return { packages, warnings };
}
