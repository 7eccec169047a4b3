// Image-config checks (src/evaluate/image) as a scan stage: runs on the image's OCI config, no
// Dockerfile needed. With the secret scanner on, secrets in Env and recorded build args are left to
// the secret engine (content rules, redaction) so they are not reported twice.
import { evaluateImageConfig } from '../evaluate/image/evaluate.js';
import { DEFAULT_SCANNERS } from './options.js';
import type { Stage } from './stages.js';

const LEFT_TO_SECRET_ENGINE = ['PAL-IMG-004', 'PAL-IMG-010'];

export const imageConfigStage: Stage = {
  id: 'misconfig: image config',
  scanner: 'misconfig',
  modes: ['image'],
  run(ctx) {
    const config = ctx.artifact.config;
    if (!config) return;
    const secretsOn = (ctx.options.scanners ?? DEFAULT_SCANNERS).includes('secret');
    ctx.findings.push(
      ...evaluateImageConfig(config, {
        name: ctx.artifact.name,
        packages: ctx.packages,
        skip: secretsOn ? LEFT_TO_SECRET_ENGINE : [],
      }),
    );
  },
};
