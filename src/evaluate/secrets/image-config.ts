// Secrets in the image configuration rather than in files: `Env`, `Labels`, and the build history,
// whose `created_by` keeps `ENV`/`ARG` lines and, for RUN steps, the build-arg values the step saw
// ("|2 NPM_TOKEN=… OTHER=… /bin/sh -c …"). An image-level step, run once per image (not per layer).
import type { ImageConfig, SecretFinding } from '../../core/types.js';
import { secretFinding } from './analyzer.js';
import type { SecretEngine } from './engine.js';

/** Where config findings point: a pseudo-path naming the config field. */
export const CONFIG_PATHS = {
  env: 'image-config:Env',
  labels: 'image-config:Labels',
  history: (i: number) => `image-config:history[${i}].created_by`,
} as const;

/**
 * The `K=V` build arguments a RUN step recorded: docker's classic builder and BuildKit both write
 * `|N K1=V1 … KN=VN <command>` with N the number of arguments.
 */
export function buildArgsOf(createdBy: string): string[] {
  const m = /^(?:RUN\s+)?\|(\d+)\s+/.exec(createdBy);
  if (!m) return [];
  const n = Number(m[1]);
  const parts = createdBy.slice(m[0].length).split(/\s+/);
  const args: string[] = [];
  for (const p of parts) {
    if (args.length >= n || !p.includes('=')) break;
    args.push(p);
  }
  return args;
}

/** Layer index of each history entry (entries with empty_layer add none). */
function historyLayers(config: ImageConfig): (number | undefined)[] {
  let layer = 0;
  return (config.history ?? []).map((h) => (h.empty_layer ? undefined : layer++));
}

export function scanImageConfigSecrets(config: ImageConfig, engine: SecretEngine): SecretFinding[] {
  const out: SecretFinding[] = [];
  const seen = new Set<string>();
  const add = (text: string, path: string, line: number, layerIndex?: number) => {
    for (const m of engine.scan(text, { path, configLike: true }).matches) {
      const key = `${path}\0${line}\0${m.ruleId}\0${m.redacted}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const f = secretFinding(m, path);
      f.location = { path, line };
      if (layerIndex !== undefined) f.location.layerIndex = layerIndex;
      out.push(f);
    }
  };
  (config.config?.Env ?? []).forEach((e, i) => add(e, CONFIG_PATHS.env, i + 1));
  Object.entries(config.config?.Labels ?? {}).forEach(([k, v], i) =>
    add(`${k}=${v}`, CONFIG_PATHS.labels, i + 1),
  );
  const layers = historyLayers(config);
  (config.history ?? []).forEach((h, i) => {
    const cb = h.created_by;
    if (!cb) return;
    const path = CONFIG_PATHS.history(i);
    // one argument per line, so that KEY=value rules see each on its own
    const args = buildArgsOf(cb);
    add(args.length ? `${args.join('\n')}\n${cb}` : cb, path, 1, layers[i]);
  });
  return out;
}
