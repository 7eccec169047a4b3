import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCondition } from './condition.js';
import { globMatch } from './glob.js';

test('parses precedence: not > and > or, with parentheses', () => {
  const n = parseCondition('a or b and not c');
  assert.deepEqual(n, {
    k: 'or',
    items: [
      { k: 'macro', name: 'a' },
      {
        k: 'and',
        items: [
          { k: 'macro', name: 'b' },
          { k: 'not', item: { k: 'macro', name: 'c' } },
        ],
      },
    ],
  });
  const p = parseCondition('(a or b) and c');
  assert.equal(p.k, 'and');
});

test('parses field checks, bracket args, bare and quoted values, lists', () => {
  const n = parseCondition(
    'proc.aname[2]=runc:[0:PARENT] and fd.name startswith "/etc/a b" and proc.name in (sh, "weird (x)", list1) and fd.num>=0',
  );
  assert.equal(n.k, 'and');
  if (n.k !== 'and') return;
  assert.deepEqual(n.items[0], {
    k: 'check',
    field: { name: 'proc.aname', arg: '2', raw: 'proc.aname[2]' },
    op: '=',
    value: { kind: 'literal', lit: { text: 'runc:[0:PARENT]', quoted: false } },
  });
  assert.deepEqual((n.items[1] as { value: unknown }).value, {
    kind: 'literal',
    lit: { text: '/etc/a b', quoted: true },
  });
  assert.deepEqual((n.items[2] as { value: unknown }).value, {
    kind: 'list',
    items: [
      { text: 'sh', quoted: false },
      { text: 'weird (x)', quoted: true },
      { text: 'list1', quoted: false },
    ],
  });
  assert.equal((n.items[3] as { op: string }).op, '>=');
});

test('unary exists, transformers and val()', () => {
  assert.deepEqual(parseCondition('proc.pname exists'), {
    k: 'check',
    field: { name: 'proc.pname', raw: 'proc.pname' },
    op: 'exists',
  });
  const t = parseCondition('tolower(proc.name) = bash and proc.name != val(proc.pname)');
  assert.equal(t.k, 'and');
});

test('syntax errors name the problem and offset', () => {
  assert.throws(() => parseCondition('proc.name = '), /expected a value/);
  assert.throws(() => parseCondition('(a and b'), /expected '\)'/);
  assert.throws(() => parseCondition('proc.name'), /needs an operator/);
  assert.throws(() => parseCondition('a b'), /unexpected 'b'/);
});

test('deep nesting is refused, not a stack overflow', () => {
  assert.throws(() => parseCondition(`${'('.repeat(5000)}a${')'.repeat(5000)}`), /nesting too deep/);
  assert.throws(() => parseCondition(`${'not '.repeat(5000)}a`), /nesting too deep/);
});

test('glob: *, ?, classes, no catastrophic backtracking', () => {
  assert.ok(globMatch('/home/*/.ssh/*', '/home/bob/.ssh/id_rsa'));
  assert.ok(globMatch('*../*../*', 'x/../y/../z'));
  assert.ok(globMatch('file?.[ch]', 'file1.c'));
  assert.ok(!globMatch('file?.[!ch]', 'file1.c'));
  assert.ok(!globMatch('/etc/*', '/usr/etc/x'));
  const t0 = performance.now();
  assert.ok(!globMatch('*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000)));
  assert.ok(performance.now() - t0 < 5000);
});
