// The image configuration (OCI config JSON) as an engine Resource: no Dockerfile needed. History
// entries are read back into instructions (`RUN …`, `ADD …`) from both the classic builder's
// `/bin/sh -c #(nop) …` form and BuildKit's `RUN … # buildkit` form.
import type { ImageConfig, Package } from '../../core/types.js';
import type { Resource, Violation } from '../engine.js';

export const IMAGE_CONFIG_KIND = 'ImageConfig';

export interface ImageExtra {
  config: ImageConfig;
  packages?: readonly Package[];
}

export function imageOf(r: Resource): ImageExtra {
  return r.extra as ImageExtra;
}

export interface HistoryStep {
  index: number;
  keyword: string;
  /** text after the keyword */
  args: string;
  /** build args recorded with a RUN (`|2 A=1 B=2 /bin/sh -c …`) */
  buildArgs: [string, string][];
}

export function parseHistoryEntry(createdBy: string, index: number): HistoryStep {
  let s = createdBy.trim().replace(/\s*# buildkit$/, '');
  let buildArgs: [string, string][] = [];
  let keyword = '';
  const bk =
    /^(RUN|ADD|COPY|ENV|ARG|USER|WORKDIR|EXPOSE|LABEL|CMD|ENTRYPOINT|HEALTHCHECK|SHELL|VOLUME|STOPSIGNAL|ONBUILD|MAINTAINER)\b\s*/.exec(
      s,
    );
  if (bk) {
    keyword = bk[1]!;
    s = s.slice(bk[0].length);
  }
  const argsM = /^\|(\d+)\s+/.exec(s);
  if (argsM) {
    s = s.slice(argsM[0].length);
    const n = Number(argsM[1]);
    const pairs: [string, string][] = [];
    for (let k = 0; k < n; k++) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)\s*/.exec(s);
      if (!m) break;
      pairs.push([m[1]!, m[2]!.replace(/^["']|["']$/g, '')]);
      s = s.slice(m[0].length);
    }
    buildArgs = pairs;
  }
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(s);
  if (nop) {
    s = s.slice(nop[0].length);
    const k = /^([A-Z]+)\s*/.exec(s);
    if (k) {
      keyword = k[1]!;
      s = s.slice(k[0].length);
    }
  } else {
    const sh = /^(\/bin\/(ba)?sh|sh|cmd \/S \/C) -c\s+/.exec(s);
    if (sh) {
      s = s.slice(sh[0].length);
      if (!keyword) keyword = 'RUN';
    }
  }
  return { index, keyword: keyword || 'RUN', args: s, buildArgs };
}

export function historySteps(config: ImageConfig): HistoryStep[] {
  return (config.history ?? []).map((h, i) => parseHistoryEntry(h.created_by ?? '', i));
}

export function imageConfigResource(
  config: ImageConfig,
  name = 'image-config',
  packages?: readonly Package[],
): Resource {
  const extra: ImageExtra = { config };
  if (packages) extra.packages = packages;
  return { kind: IMAGE_CONFIG_KIND, id: name, name, file: name, object: config, extra };
}

/** Violations for every RUN step of the history that `test` matches. */
export function eachRunStep(
  config: ImageConfig,
  test: (step: HistoryStep) => string | undefined,
): Violation[] {
  const out: Violation[] = [];
  for (const step of historySteps(config)) {
    if (step.keyword !== 'RUN') continue;
    const message = test(step);
    if (message) out.push({ message, path: ['history', step.index, 'created_by'] });
  }
  return out;
}
