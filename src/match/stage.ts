// The scan pipeline's vulnerability stage (scanner "vuln"): opens the database (--db, else the local
// one, else the embedded snapshot; never the network) and matches the squashed inventory.
import type { Stage } from '../scan/stages.js';
import { openDatabase } from '../vulndb/location.js';
import { matchPackages } from './index.js';

export const vulnerabilityStage: Stage = {
  id: 'vulnerabilities',
  scanner: 'vuln',
  run(ctx) {
    const o = ctx.options.db ?? {};
    const opened = openDatabase({
      ...(o.path ? { path: o.path } : {}),
      ...(o.maxAgeMs !== undefined ? { maxAgeMs: o.maxAgeMs } : {}),
      ...(o.maxAgeFail ? { maxAgeFail: true } : {}),
      env: ctx.options.env ?? process.env,
    });
    try {
      const r = matchPackages(ctx.packages, ctx.artifact.os, opened.store, {
        ignoreUnfixed: !!o.ignoreUnfixed,
      });
      ctx.findings.push(...r.findings);
      ctx.warnings.push(...opened.warnings, ...r.warnings);
      const st = opened.store.info();
      ctx.extra.db = {
        schemaVersion: st.schemaVersion,
        ...(st.builtAt ? { builtAt: st.builtAt } : {}),
        sources: Object.fromEntries(st.sources.map((s) => [s.name, s.snapshotDate ?? 'unknown'])),
      };
    } finally {
      opened.store.close();
    }
  },
};
