// Table-test helper shared by the version scheme tests: each row is [a, '<' | '=' | '>', b]; the check
// runs both directions so that an asymmetric comparator fails.
import assert from 'node:assert/strict';
import type { VersionScheme } from './scheme.js';

export type OrderRow = [string, '<' | '=' | '>', string];

export function assertOrder(scheme: VersionScheme, rows: OrderRow[]): void {
  for (const [a, rel, b] of rows) {
    const want = rel === '<' ? -1 : rel === '=' ? 0 : 1;
    assert.equal(Math.sign(scheme.compare(a, b)), want, `${scheme.name}: ${a} ${rel} ${b}`);
    assert.equal(
      Math.sign(scheme.compare(b, a)),
      want === 0 ? 0 : -want,
      `${scheme.name}: ${b} vs ${a} (reversed)`,
    );
  }
}

export function assertSatisfies(scheme: VersionScheme, rows: [string, string, boolean][]): void {
  for (const [v, req, want] of rows) {
    assert.equal(scheme.satisfies!(v, req), want, `${scheme.name}: ${v} satisfies ${req}`);
  }
}

export function assertValidity(scheme: VersionScheme, valid: string[], invalid: string[]): void {
  for (const v of valid) assert.equal(scheme.valid(v), true, `${scheme.name}: ${v} should be valid`);
  for (const v of invalid) {
    assert.equal(scheme.valid(v), false, `${scheme.name}: ${v} should be invalid`);
    assert.throws(() => scheme.compare(v, valid[0]!), /not valid/);
  }
}
