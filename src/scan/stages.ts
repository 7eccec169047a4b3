// Steps after the layers are squashed, in order: whole-inventory work (ownership dedup), matching
// (vulnerability DB), evaluation (config checks, image-level secrets, licenses). Each stage is one
// entry here; a stage with `scanner` runs only when that scanner is on.
import type { ScanMode, Scanner } from '../catalog/analyzer.js';
import type { Squashed } from '../catalog/squash.js';
import type { Artifact, Finding, Package, Report, Warning } from '../core/types.js';
import type { ScanOptions } from './options.js';
import { imageConfigSecretsStage } from '../evaluate/secrets/image-config-stage.js';

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

export const stages: readonly Stage[] = [imageConfigSecretsStage];
