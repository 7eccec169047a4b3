// Narrowing parsed JSON/YAML values: used by every reader of foreign documents (lockfiles, SBOMs, VEX).

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** a non-empty string, else undefined */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
