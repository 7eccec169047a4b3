// Parsing and narrowing JSON/YAML values: used by every reader of foreign documents (lockfiles, SBOMs,
// VEX, saved reports).
import { PalisadeError } from './errors.js';

/**
 * JSON.parse, or the one-line INPUT error "SOURCE: not JSON (reason)[; expected WHAT]".
 */
export function parseJsonDocument(text: string, source: string, expected?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new PalisadeError(
      'INPUT',
      `${source}: not JSON (${reason})${expected ? `; expected ${expected}` : ''}`,
    );
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** a non-empty string, else undefined */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
