import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseYamlPackage } from 'yaml';
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

describe('YAML loading: values as the yaml package reads them, aliases shared and bounded', () => {
  // the loader builds values from js-yaml's event stream itself; the `yaml` package (YAML 1.2 core
  // schema, what the loader used before) is the reference on input that exercises the YAML corners
  const tricky = [
    'plain: text\nint: 42\nneg: -7\nhex: 0x1F\noct: 0o17\nflt: 1.5e3\ninf: -.inf\nnul: ~\nempty:\nt: true\n',
    "q1: 'it''s'\nq2: \"tab\\tnl\\n\\u00e9\"\nlit: |\n  line 1\n  line 2\nfold: >-\n  a\n  b\n\n  c\nkeep: |+\n  x\n\n",
    'flow: {a: [1, {b: c}], "d e": null}\nseq:\n- - nested\n  - 2\n- {}\n- []\n',
    'base: &base {image: nginx, ports: [80]}\nsvc:\n  <<: *base\n  image: override\nboth:\n  <<: [*base, {extra: 1}]\n',
    '%YAML 1.2\n---\nstr: !!str 123\nint: !!int "5"\ncustom: !Ref name\nlocal: !<tag:example.com,2000:x> v\n',
    '? complex\n: value\n"quoted key": 1\n123: numeric key\n',
    '{"json": {"nested": [1, 2.5, "x", true, null]}, "unicode": "\\u263a"}\n',
  ];
  for (const [i, text] of tricky.entries())
    it(`case ${i + 1} matches the yaml package`, () => {
      const { docs, warnings } = loadYaml(text, 't.yaml');
      assert.deepEqual(warnings, []);
      assert.deepEqual(
        docs.map((d) => d.value),
        [parseYamlPackage(text, { merge: true })],
      );
    });

  it('reads several documents in one chunk after an explicit end marker', () => {
    const { docs } = loadYaml('a: 1\n...\nb: 2\n---\nc: 3\n', 'm.yaml');
    assert.deepEqual(
      docs.map((d) => [d.index, d.value, d.line]),
      [
        [0, { a: 1 }, 1],
        [1, { b: 2 }, 3],
        [2, { c: 3 }, 5],
      ],
    );
  });

  it('keeps __proto__ an own key, never the prototype', () => {
    const { docs } = loadYaml('__proto__: {polluted: true}\nx: 1\n', 'p.yaml');
    const v = docs[0]!.value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.deepEqual(Object.keys(v), ['__proto__', 'x']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('shares aliased nodes and locates paths through them at the anchor', () => {
    const text =
      'defaults: &d\n  securityContext:\n    privileged: true\nweb: *d\napi:\n  <<: *d\n  image: x\n';
    const { docs, warnings } = loadYaml(text, 'a.yaml');
    assert.deepEqual(warnings, []);
    const v = docs[0]!.value as Record<string, Record<string, unknown>>;
    assert.equal(v.web, v.defaults);
    assert.equal(v.api!.securityContext, v.defaults!.securityContext);
    assert.deepEqual(docs[0]!.locate(['web', 'securityContext', 'privileged']), { line: 3, column: 5 });
    assert.deepEqual(docs[0]!.locate(['api', 'securityContext', 'privileged']), { line: 3, column: 5 });
    assert.deepEqual(docs[0]!.locate(['api', 'image']), { line: 7, column: 3 });
  });

  it('explicit keys after a merge are not duplicates; repeated explicit keys are', () => {
    const { warnings } = loadYaml('b: &b {x: 1}\nm:\n  <<: *b\n  x: 2\n  x: 3\n', 'd.yaml');
    assert.deepEqual(
      warnings.map((w) => [w.code, w.location?.line]),
      [['YAML_DUPLICATE_KEY', 5]],
    );
  });

  it('refuses a large anchored list aliased many times (quadratic alias bomb)', () => {
    const big = `big: &big [${Array(10_000).fill('0').join(',')}]\n`;
    const uses = `uses: [${Array(200).fill('*big').join(',')}]\n`;
    const t = performance.now();
    const { docs, warnings } = loadYaml(`${big}${uses}---\nok: 1\n`, 'q.yaml');
    assert.ok(performance.now() - t < 5000);
    assert.deepEqual(
      docs.map((d) => d.value),
      [{ ok: 1 }],
    );
    assert.equal(warnings[0]!.code, 'LIMIT');
    assert.match(warnings[0]!.message, /q\.yaml: document 1: aliases expand to more than 1000000 nodes/);
  });

  it('refuses nesting built through aliases', () => {
    const levels = ['l0: &l0 [x]'];
    for (let i = 1; i <= 140; i++) levels.push(`l${i}: &l${i} [*l${i - 1}]`);
    const { docs, warnings } = loadYaml(levels.join('\n') + '\n', 'n.yaml');
    assert.equal(docs.length, 0);
    assert.match(warnings[0]!.message, /nests deeper than 128 levels/);
  });

  it('reports an alias without an anchor, with its line', () => {
    const { docs, warnings } = loadYaml('a: 1\nb: *nope\n', 'u.yaml');
    assert.equal(docs.length, 0);
    assert.deepEqual(
      warnings.map((w) => [w.code, w.message]),
      [['YAML_ERROR', 'u.yaml:2: alias *nope has no anchor before it']],
    );
  });
});
