// Shared by the per-pack check tests: every check must have a failing and a passing fixture written
// by us. In a failing fixture, `# expect: <ID>` marks each line where that check must report (a
// trailing comment in YAML; a comment line above the instruction in a Dockerfile); a passing fixture
// must produce no finding of that check. A first line `# options: {json}` passes evaluate options.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { MisconfigFinding } from '../core/types.js';
import { evaluate, type Check, type EvaluateOptions, type Resource } from './engine.js';

export interface Pack {
  dir: URL;
  ext: string;
  checks: readonly Check[];
  load(text: string, file: string): Resource[];
  /** where `# expect:` comments point: their own line (YAML) or the next non-comment line (Dockerfile) */
  expectOnNextLine?: boolean;
}

export function expectedLines(text: string, id: string, nextLine: boolean): number[] {
  const lines = text.split('\n');
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (!new RegExp(`#\\s*expect:.*\\b${id}\\b`).test(l)) return;
    if (!nextLine) return void out.push(i + 1);
    let j = i + 1;
    while (j < lines.length && /^\s*(#.*)?$/.test(lines[j]!)) j++;
    out.push(j + 1);
  });
  return out;
}

function options(text: string): EvaluateOptions {
  const m = /^# options: (.*)$/m.exec(text);
  return m ? (JSON.parse(m[1]!) as EvaluateOptions) : {};
}

export function runFixture(
  pack: Pack,
  id: string,
  kind: 'fail' | 'pass',
): { findings: MisconfigFinding[]; text: string } {
  const url = new URL(`${id}.${kind}.${pack.ext}`, pack.dir);
  const text = readFileSync(url, 'utf8');
  const resources = pack.load(text, `${id}.${kind}.${pack.ext}`);
  const res = evaluate(resources, pack.checks, options(text));
  assert.deepEqual(res.warnings, [], `${id}.${kind}: warnings`);
  return { findings: res.findings.filter((f) => f.id === id), text };
}

export function checkPack(pack: Pack, t: { test: (name: string, fn: () => void) => unknown }): void {
  for (const c of pack.checks) {
    t.test(`${c.id} ${c.title}: failing fixture`, () => {
      assert.ok(existsSync(new URL(`${c.id}.fail.${pack.ext}`, pack.dir)), `${c.id} has no failing fixture`);
      const { findings, text } = runFixture(pack, c.id, 'fail');
      assert.ok(findings.length > 0, `${c.id}: failing fixture produced no finding`);
      const want = expectedLines(text, c.id, pack.expectOnNextLine ?? false);
      if (want.length) {
        const got = [...new Set(findings.map((f) => f.location?.line))].sort((a, b) => (a ?? 0) - (b ?? 0));
        assert.deepEqual(got, want, `${c.id}: finding lines`);
      }
      for (const f of findings) {
        assert.equal(f.kind, 'misconfig');
        assert.equal(f.severity, c.severity);
        assert.ok(f.description, 'message');
      }
    });
    t.test(`${c.id} ${c.title}: passing fixture`, () => {
      assert.ok(existsSync(new URL(`${c.id}.pass.${pack.ext}`, pack.dir)), `${c.id} has no passing fixture`);
      const { findings } = runFixture(pack, c.id, 'pass');
      assert.deepEqual(
        findings.map((f) => `${f.location?.line}: ${f.description}`),
        [],
        `${c.id}: passing fixture has findings`,
      );
    });
  }
}
