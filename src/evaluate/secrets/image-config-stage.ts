// The image-level secret step: Env, Labels and build history of the image config, once per image.
import type { Stage } from '../../scan/stages.js';
import { secretEngineFor } from './analyzer.js';
import { scanImageConfigSecrets } from './image-config.js';

export const imageConfigSecretsStage: Stage = {
  id: 'image-config-secrets',
  scanner: 'secret',
  modes: ['image'],
  async run(ctx) {
    const config = ctx.artifact.config;
    if (!config) return;
    const engine = await secretEngineFor(ctx.options.analyzerOptions ?? {});
    const findings = scanImageConfigSecrets(config, engine);
    for (const f of findings) {
      const d =
        f.location?.layerIndex === undefined ? undefined : ctx.artifact.layers[f.location.layerIndex]?.diffId;
      if (d && f.location) f.location.layerDiffId = d;
    }
    ctx.findings.push(...findings);
  },
};
