// Pieces shared by the rule files. Secrets are capture group 1 unless a rule says otherwise.
import type { SecretRule } from '../rule.js';

/** left boundary: start of window/line or a character that cannot be part of a token */
export const B = '(?:^|[^A-Za-z0-9_])';
/** right boundary for tokens of [A-Za-z0-9] */
export const E = '(?:[^A-Za-z0-9_]|$)';
/** right boundary for base64url tokens, which may end in - or _ */
export const EU = '(?:[^A-Za-z0-9_-]|$)';
/** an assignment: optional closing quote, then = : := => with optional opening quote */
export const ASSIGN = `["']?\\s*(?:=|:=|:|=>)\\s*["']?`;

/**
 * A token recognised by its own documented prefix: group 1 is the token, bounded on both sides. Rules
 * whose keyword sits inside the token (not at its start) must set `window.before`.
 */
export function prefixed(
  r: Omit<SecretRule, 'regex' | 'secretGroup'> & { token: string; end?: string },
): SecretRule {
  const { token, end, ...rest } = r;
  // the keyword starts the token (unless the rule says how far before it the token may start)
  const anchored = r.window?.before === undefined;
  return {
    ...rest,
    regex: `${B}(${token})${end ?? E}`,
    secretGroup: 1,
    anchored,
    window: { before: 1, ...r.window },
  };
}

/**
 * A token with no prefix of its own, recognised by the name it is assigned to (within 40 characters):
 * `<context>…[:=] <token>`. Case-insensitive on the name only.
 */
export function named(
  r: Omit<SecretRule, 'regex' | 'secretGroup'> & { name: string; token: string; end?: string },
): SecretRule {
  const { name, token, end, ...rest } = r;
  return {
    ...rest,
    window: { before: 64, ...r.window },
    regex: `(?i:${name})[A-Za-z0-9_.-]{0,40}${ASSIGN}(${token})${end ?? E}`,
    secretGroup: 1,
  };
}
