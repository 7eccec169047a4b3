import { test } from 'node:test';
import { nuget } from './nuget.js';
import { composer } from './composer.js';
import { assertOrder, assertSatisfies, assertValidity } from './order-table.js';

// learn.microsoft.com/nuget/concepts/package-versioning (normalisation, pre-release order, ranges)
test('nuget: order', () => {
  assertOrder(nuget, [
    ['1.0', '=', '1.0.0.0'],
    ['1.0.0-alpha', '<', '1.0.0'],
    ['1.0.0-ALPHA', '=', '1.0.0-alpha'],
    ['1.0.0-alpha.2', '<', '1.0.0-alpha.10'],
    ['1.0.0-alpha.10', '<', '1.0.0-beta'],
    ['1.0.0.1', '>', '1.0.0'],
    ['1.0.0+meta', '=', '1.0.0'],
    ['13.0.1', '>', '12.0.3'],
  ]);
  assertValidity(nuget, ['1.0', '1.2.3.4', '1.0.0-rc.1'], ['', 'a.b', '1.2.3.4.5', '1.0-']);
  assertSatisfies(nuget, [
    ['1.0', '1.0', true],
    ['0.9', '1.0', false],
    ['1.0', '[1.0]', true],
    ['1.0.1', '[1.0]', false],
    ['1.0', '(,1.0]', true],
    ['1.0', '(,1.0)', false],
    ['1.5', '[1.0,2.0)', true],
    ['2.0', '[1.0,2.0)', false],
    ['1.0', '(1.0,)', false],
  ]);
});

// composer/semver's VersionParser normalisation and Comparator order
test('composer: order', () => {
  assertOrder(composer, [
    ['1.0', '=', '1.0.0.0'],
    ['v1.0.0', '=', '1.0.0'],
    ['1.0.0-dev', '<', '1.0.0-alpha1'],
    ['1.0.0-alpha1', '<', '1.0.0-beta'],
    ['1.0.0-beta2', '<', '1.0.0-RC1'],
    ['1.0.0-RC1', '<', '1.0.0'],
    ['1.0.0', '<', '1.0.0-p1'],
    ['1.0.0-patch1', '=', '1.0.0-pl1'],
    ['5.4.10', '>', '5.4.9'],
    ['2.0.0-beta.2', '>', '2.0.0-beta.1'],
  ]);
  assertValidity(composer, ['1.0', 'v2.3.4', '1.0.0-RC2'], ['', 'dev-main', '1.x-dev', 'abc']);
});
