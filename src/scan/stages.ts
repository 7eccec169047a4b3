// Steps after the layers are squashed, in order: whole-inventory work (ownership dedup), matching
// (vulnerability DB), evaluation (config checks, image-level secrets, licenses). Each stage is one
// entry here; a stage with `scanner` runs only when that scanner is on. Stages with heavy imports (the
// vulnerability DB, the check engine, the secret engine) are listed lazily: their modules load only
// when the stage runs, so a packages-only or fully cached scan does not pay for them.
import type { ScanMode, Scanner } from '../catalog/analyzer.js';
import { markOsOwnership } from '../catalog/ownership.js';
import { attachDebLicenses, dpkgCopyright } from '../catalog/pkg/dpkg-copyright.js';
import type { Squashed } from '../catalog/squash.js';
import { licenseFindings } from '../evaluate/license/deny.js';
import type { Artifact, Finding, Package, Report, Warning } from '../core/types.js';
import type { ScanOptions } from './options.js';

export interface StageContext {
  mode: ScanMode;
  artifact: Artifact;
  packages: Package[];
  findings: Finding[];
  warnings: Warning[];
  squashed: Squashed;
  options: ScanOptions;
  /** report fields a stage may set (db info) */
  extra: Partial<Pick<Report, 'db'>>;
}

export interface Stage {
  id: string;
  scanner?: Scanner;
  modes?: readonly ScanMode[];
  run(ctx: StageContext): Promise<void> | void;
}

/** A stage whose module is imported only when it runs; `id`, `scanner`, `modes` must match it. */
export interface LazyStage {
  id: string;
  scanner?: Scanner;
  modes?: readonly ScanMode[];
  load(): Promise<Stage>;
}

/** Debian licenses: copyright files (DEP-5) matched to the deb packages that ship them. */
const debLicenses: Stage = {
  id: 'deb-licenses',
  run(ctx) {
    attachDebLicenses(ctx.packages, ctx.squashed.results.get(dpkgCopyright.id) ?? []);
  },
};

/** A language package whose files an OS package installed gets `ownedBy` (it is reported once, as the
 * OS package); matchers, license checks and SBOMs skip such packages. */
const osOwnership: Stage = {
  id: 'os-ownership',
  run(ctx) {
    ctx.packages = markOsOwnership(ctx.packages);
  },
};

const licenses: Stage = {
  id: 'licenses',
  scanner: 'license',
  run(ctx) {
    ctx.findings.push(...licenseFindings(ctx.packages, ctx.options.license));
  },
};

export const stages: readonly (Stage | LazyStage)[] = [
  debLicenses,
  osOwnership,
  {
    id: 'vulnerabilities',
    scanner: 'vuln',
    load: async () => (await import('../match/stage.js')).vulnerabilityStage,
  },
  licenses,
  {
    id: 'misconfig: image config',
    scanner: 'misconfig',
    modes: ['image'],
    load: async () => (await import('./misconfig.js')).imageConfigStage,
  },
  {
    id: 'image-config-secrets',
    scanner: 'secret',
    modes: ['image'],
    load: async () => (await import('../evaluate/secrets/image-config-stage.js')).imageConfigSecretsStage,
  },
];
