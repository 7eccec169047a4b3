// Package databases (dpkg status, apk installed, rpmdb) are rewritten whole by every layer that changes
// packages, so the final copy alone cannot say which layer installed a package. Walking the successive
// copies does: a package's layer is the first layer of its latest unbroken run at the same version.
import type { FileResult } from '../analyzer.js';

export function originLayers<E>(
  copies: FileResult[],
  entriesOf: (r: FileResult) => E[] | undefined,
  keyOf: (e: E) => string,
  versionOf: (e: E) => string,
): Map<string, number> {
  const since = new Map<string, { layer: number; version: string }>();
  for (const r of [...copies].sort((a, b) => a.layerIndex - b.layerIndex)) {
    const entries = entriesOf(r);
    if (!entries) continue;
    const present = new Set<string>();
    for (const e of entries) {
      const k = keyOf(e);
      present.add(k);
      const prev = since.get(k);
      const v = versionOf(e);
      if (!prev || prev.version !== v) since.set(k, { layer: r.layerIndex, version: v });
    }
    for (const k of [...since.keys()]) if (!present.has(k)) since.delete(k);
  }
  return new Map([...since].map(([k, v]) => [k, v.layer]));
}
