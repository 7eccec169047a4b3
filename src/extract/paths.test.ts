import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizePath } from './paths.js';

test('normalizePath: clean, dotted, absolute and escaping names', () => {
  const cases: [string, string, boolean, boolean][] = [
    ['usr/bin/x', 'usr/bin/x', false, false],
    ['./usr/bin/x', 'usr/bin/x', false, false],
    ['/usr/bin/x', 'usr/bin/x', true, false],
    ['usr//bin/./x/', 'usr/bin/x', false, false],
    ['usr/bin/../lib/x', 'usr/lib/x', false, false],
    ['../etc/passwd', 'etc/passwd', false, true],
    ['a/../../etc', 'etc', false, true],
    ['..', '', false, true],
    ['.', '', false, false],
    ['./', '', false, false],
    ['a/..b/c', 'a/..b/c', false, false],
    ['a/.b', 'a/.b', false, false],
    ['...', '...', false, false],
    ['a/...', 'a/...', false, false],
    ['.wh..wh..opq', '.wh..wh..opq', false, false],
    ['a/.', 'a', false, false],
    ['a/..', '', false, false],
  ];
  for (const [input, path, absolute, escapes] of cases)
    assert.deepEqual(normalizePath(input), { path, absolute, escapes }, input);
});
