import { test } from 'node:test';
import { pep440 } from './pep440.js';
import { assertOrder, assertSatisfies, assertValidity } from './order-table.js';

// PEP 440 "Summary of permitted suffixes and relative ordering" and packaging's test_version.py
test('pep440: ordering and normalisation', () => {
  const order = [
    '1.0.dev456',
    '1.0a1',
    '1.0a2.dev456',
    '1.0a12.dev456',
    '1.0a12',
    '1.0b1.dev456',
    '1.0b2',
    '1.0b2.post345.dev456',
    '1.0b2.post345',
    '1.0rc1.dev456',
    '1.0rc1',
    '1.0',
    '1.0+abc.5',
    '1.0+abc.7',
    '1.0+5',
    '1.0.post456.dev34',
    '1.0.post456',
    '1.0.15',
    '1.1.dev1',
  ];
  for (let i = 0; i + 1 < order.length; i++) assertOrder(pep440, [[order[i]!, '<', order[i + 1]!]]);
  assertOrder(pep440, [
    ['1.0', '=', '1.0.0'],
    ['1.0alpha1', '=', '1.0a1'],
    ['1.0-c1', '=', '1.0rc1'],
    ['1.0-1', '=', '1.0.post1'],
    ['1.0.rev2', '=', '1.0.post2'],
    ['v1.0', '=', '1.0'],
    ['1!0.1', '>', '2.0'],
    ['1.0a', '=', '1.0a0'],
    ['1.10.1', '>', '1.9.9'],
  ]);
  assertValidity(
    pep440,
    ['1.0', '1.0.post1', '2!1.0rc1.dev3+local.1'],
    ['', '1.0-beta-x', 'french toast', '1.0+'],
  );
});

test('pep440: specifiers', () => {
  assertSatisfies(pep440, [
    ['2.2', '~=2.2', true],
    ['2.3', '~=2.2', true],
    ['3.0', '~=2.2', false],
    ['1.4.9', '~=1.4.5', true],
    ['1.5.0', '~=1.4.5', false],
    ['1.1.0', '==1.1.*', true],
    ['1.10', '==1.1.*', false],
    ['1.1rc1', '==1.1.*', true],
    ['1.1.post1', '==1.1', false],
    ['1.1+local', '==1.1', true],
    ['1.1', '!=1.1.*', false],
    ['1.0', '>=1.0, <2.0', true],
    ['2.0', '>=1.0, <2.0', false],
    ['2.0rc1', '<2.0', false],
    ['2.0rc1', '<2.0rc2', true],
    ['1.0.post1', '>1.0', false],
    ['1.0.1', '>1.0', true],
    ['1.0', '===1.0', true],
    ['1.0.0', '===1.0', false],
  ]);
});
