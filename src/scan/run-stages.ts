import { errorMessage, PalisadeError } from '../core/errors.js';
import { DEFAULT_SCANNERS } from './options.js';
import { stages, type StageContext } from './stages.js';

/** Run every enabled stage in order. A stage that fails with an expected error becomes a warning. */
export async function runStages(ctx: StageContext): Promise<StageContext> {
  const scanners = new Set(ctx.options.scanners ?? DEFAULT_SCANNERS);
  for (const entry of stages) {
    if (entry.scanner && !scanners.has(entry.scanner)) continue;
    if (entry.modes && !entry.modes.includes(ctx.mode)) continue;
    ctx.options.onProgress?.({ phase: 'stage', name: entry.id });
    const s = 'load' in entry ? await entry.load() : entry;
    try {
      await s.run(ctx);
    } catch (e) {
      // a missing DB or bad policy file is the user's to fix and must stop the scan loudly
      if (e instanceof PalisadeError && (e.code === 'USAGE' || e.code === 'DB')) throw e;
      ctx.warnings.push({ code: 'STAGE_ERROR', message: `${s.id}: ${errorMessage(e)}` });
    }
  }
  return ctx;
}
