// Entry point for the scan pipeline: image-config checks over an image's OCI config, no Dockerfile.
import type { ImageConfig, MisconfigFinding, Package } from '../../core/types.js';
import { evaluate, type EvaluateOptions, type EvaluateResult } from '../engine.js';
import { imageChecks } from './index.js';
import { imageConfigResource } from './resource.js';

export interface ImageConfigContext extends EvaluateOptions {
  /** what findings name as their location and resource (the image reference); default `image-config` */
  name?: string;
  /** the image's catalogued packages, when known (sudo check) */
  packages?: readonly Package[];
}

/** Findings and suppressed findings of the image-config checks. */
export function runImageConfigChecks(config: ImageConfig, ctx: ImageConfigContext = {}): EvaluateResult {
  return evaluate([imageConfigResource(config, ctx.name, ctx.packages)], imageChecks, ctx);
}

/** The image-config checks' findings (suppressed ones are left out; use runImageConfigChecks to keep them). */
export function evaluateImageConfig(config: ImageConfig, ctx: ImageConfigContext = {}): MisconfigFinding[] {
  return runImageConfigChecks(config, ctx).findings;
}
