import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadYaml } from './yaml-source.js';

describe('YAML loading with positions', () => {
  it('splits documents and locates JSON paths (key positions), ignoring markers and comments', () => {
    const text =
      '# header\n---\na: 1\nlist:\n  - name: x\n    v: [1, 2]\n---\n# empty\n---\n{"b": {"c": true}}\n';
    const { docs, warnings } = loadYaml(text, 'f.yaml');
    assert.deepEqual(warnings, []);
    assert.equal(docs.length, 2);
    assert.deepEqual(docs[0]!.value, { a: 1, list: [{ name: 'x', v: [1, 2] }] });
    assert.equal(docs[0]!.line, 3);
    assert.deepEqual(docs[0]!.locate(['list', 0, 'v', 1]), { line: 6, column: 12 });
    assert.deepEqual(docs[0]!.locate(['list', 0, 'missing', 'deeper']), { line: 5, column: 5 });
    assert.equal(docs[1]!.locate(['b', 'c'])?.line, 10);
  });

  it('reports a syntax error with its line and keeps the other documents', () => {
    const { docs, warnings } = loadYaml('a: 1\n---\nb: [1, 2\n---\nc: 3\n', 'bad.yaml');
    assert.deepEqual(
      docs.map((d) => d.value),
      [{ a: 1 }, { c: 3 }],
    );
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.code, 'YAML_ERROR');
    assert.match(warnings[0]!.message, /^bad\.yaml:\d+: /);
  });

  it('stops alias bombs (billion laughs) at maxAliasCount', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const t = performance.now();
    const { docs, warnings } = loadYaml(`${levels.join('\n')}\n---\nok: true\n`, 'bomb.yaml');
    assert.ok(performance.now() - t < 5000);
    assert.deepEqual(
      docs.map((d) => d.value),
      [{ ok: true }],
    );
    assert.equal(warnings[0]!.code, 'LIMIT');
    assert.match(warnings[0]!.message, /alias bomb/);
  });

  it('refuses a 10 MB document without parsing it, and still reads the next one', () => {
    const big = `data: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
    const t = performance.now();
    const { docs, warnings } = loadYaml(`${big}---\nsmall: 1\n`, 'big.yaml');
    assert.ok(performance.now() - t < 5000);
    assert.deepEqual(
      docs.map((d) => d.value),
      [{ small: 1 }],
    );
    assert.match(warnings[0]!.message, /document 1 is 10485769 bytes, over the 3145728-byte limit/);
  });

  it('refuses a file over the file limit', () => {
    const { docs, warnings } = loadYaml('a: 1\n', 'f.yaml', {
      maxFileBytes: 3,
      maxDocBytes: 3,
      maxAliasCount: 100,
      maxDepth: 10,
      maxDocuments: 10,
    });
    assert.equal(docs.length, 0);
    assert.match(warnings[0]!.message, /over the 3-byte limit/);
  });

  it('refuses deep nesting (flow and block) before walking it', () => {
    const flow = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const block = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    for (const text of [flow, block]) {
      const { docs, warnings } = loadYaml(text, 'deep.yaml');
      assert.equal(docs.length, 0);
      assert.match(warnings[0]!.message, /nests deeper than 128 levels/);
    }
  });

  it('reads YAML 1.1 booleans as Kubernetes does, and nothing else of YAML 1.1', () => {
    const { docs } = loadYaml('a: yes\nb: off\nc: On\nd: "yes"\ne: 8080:80\nf: y\ng: onward\n', 'b.yaml');
    assert.deepEqual(docs[0]!.value, {
      a: true,
      b: false,
      c: true,
      d: 'yes',
      e: '8080:80',
      f: true,
      g: 'onward',
    });
  });

  it('reports duplicate keys with their line; the last value wins', () => {
    const { docs, warnings } = loadYaml('spec:\n  privileged: true\n  privileged: false\n', 'dup.yaml');
    assert.deepEqual(docs[0]!.value, { spec: { privileged: false } });
    assert.deepEqual(
      warnings.map((w) => [w.code, w.location?.line]),
      [['YAML_DUPLICATE_KEY', 3]],
    );
  });

  it('finds duplicates among many keys in linear time', () => {
    const n = 30_000;
    const text = Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n') + '\nk7: dup\n';
    const { warnings } = loadYaml(text, 'wide.yaml', {
      maxFileBytes: 64 << 20,
      maxDocBytes: 64 << 20,
      maxAliasCount: 100,
      maxDepth: 128,
      maxDocuments: 10,
    });
    assert.deepEqual(
      warnings.map((w) => w.location?.line),
      [n + 1],
    );
  });
});
