import { test } from 'node:test';
import { maven } from './maven.js';
import { assertOrder, assertValidity } from './order-table.js';

// maven-artifact's ComparableVersionTest (VERSIONS_QUALIFIER and VERSIONS_NUMBER, and the equalities)
test('maven: ComparableVersion order', () => {
  const qualifier = [
    '1-alpha2snapshot',
    '1-alpha2',
    '1-alpha-123',
    '1-beta-2',
    '1-beta123',
    '1-m2',
    '1-m11',
    '1-rc',
    '1-cr2',
    '1-rc123',
    '1-SNAPSHOT',
    '1',
    '1-sp',
    '1-sp2',
    '1-sp123',
    '1-abc',
    '1-def',
    '1-pom-1',
    '1-1-snapshot',
    '1-1',
    '1-2',
    '1-123',
  ];
  const number = [
    '2.0',
    '2-1',
    '2.0.a',
    '2.0.0.a',
    '2.0.2',
    '2.0.123',
    '2.1.0',
    '2.1-a',
    '2.1b',
    '2.1-c',
    '2.1-1',
    '2.1.0.1',
    '2.2',
    '2.123',
    '11.a2',
    '11.a11',
    '11.b2',
    '11.b11',
    '11.m2',
    '11.m11',
    '11',
    '11.a',
    '11b',
    '11c',
    '11m',
  ];
  for (const list of [qualifier, number])
    for (let i = 0; i + 1 < list.length; i++) assertOrder(maven, [[list[i]!, '<', list[i + 1]!]]);
  assertOrder(maven, [
    ['1', '=', '1.0.0'],
    ['1', '=', '1-0'],
    ['1', '=', '1.0-0'],
    ['1a', '=', '1-a'],
    ['1a', '=', '1.0-a'],
    ['1x', '=', '1.0.0-x'],
    ['1cr', '=', '1rc'],
    ['1ga', '=', '1'],
    ['1final', '=', '1'],
    ['1release', '=', '1'],
    ['1a1', '=', '1-alpha-1'],
    ['1b2', '=', '1-beta-2'],
    ['1m3', '=', '1-milestone-3'],
    ['1X', '=', '1x'],
    ['2.17.0', '<', '2.17.1'],
    ['2.12.6.1', '>', '2.12.6'],
    ['5.3.17', '<', '5.3.18'],
  ]);
  assertValidity(maven, ['1.0', '2.17.1', '1.0-SNAPSHOT'], ['', ' ', '1.0 beta', '-1']);
});
