import { createHash } from 'node:crypto';
import { PalisadeError } from '../core/errors.js';

const DIGEST = /^(sha256|sha512):([a-f0-9]+)$/;

export function parseDigest(d: string): { algorithm: 'sha256' | 'sha512'; hex: string } {
  const m = DIGEST.exec(d);
  if (!m || (m[1] === 'sha256' && m[2]!.length !== 64) || (m[1] === 'sha512' && m[2]!.length !== 128))
    throw new PalisadeError('INPUT', `malformed digest ${JSON.stringify(d)}`);
  return { algorithm: m[1] as 'sha256' | 'sha512', hex: m[2]! };
}

export function digestOf(data: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/** Throws DIGEST_MISMATCH naming the blob when `data` does not hash to `expected`. */
export function verifyDigest(data: Buffer, expected: string, what: string): void {
  const { algorithm } = parseDigest(expected);
  const actual = digestOf(data, algorithm);
  if (actual !== expected)
    throw new PalisadeError(
      'DIGEST_MISMATCH',
      `${what}: blob ${expected} has digest ${actual}; the image is corrupt or was tampered with`,
    );
}

export function shortDigest(d: string): string {
  const i = d.indexOf(':');
  return i >= 0 ? `${d.slice(0, i + 1)}${d.slice(i + 1, i + 13)}` : d;
}
