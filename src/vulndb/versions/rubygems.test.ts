import { test } from 'node:test';
import { rubygems } from './rubygems.js';
import { assertOrder, assertSatisfies, assertValidity } from './order-table.js';

// rubygems' test/rubygems/test_gem_version.rb and test_gem_requirement.rb
test('rubygems: Gem::Version order', () => {
  assertOrder(rubygems, [
    ['1.0', '=', '1'],
    ['1.0.0', '=', '1'],
    ['1.8.2', '>', '0.0.0'],
    ['1.8.2', '>', '1.8.2.a'],
    ['1.8.2.b', '>', '1.8.2.a'],
    ['1.8.2.a10', '>', '1.8.2.a9'],
    ['1.0.0.a', '<', '1.0.0'],
    ['1.0.a.2', '<', '1.0.a.10'],
    ['1.0-rc1', '=', '1.0.pre.rc1'],
    ['5.2.4.3', '>', '5.2.4'],
    ['0.9', '<', '0.10'],
  ]);
  assertValidity(rubygems, ['1.0', '1.0.a', '1.0-rc1'], ['', 'junk', '1..0', '1.0\n2.0']);
});

test('rubygems: requirements', () => {
  assertSatisfies(rubygems, [
    ['3.25.5', '~> 3.25.5', true],
    ['3.25.9', '~> 3.25.5', true],
    ['3.26.0', '~> 3.25.5', false],
    ['4.27.4', '~> 4.27.5', false],
    ['1.9', '~> 1.2', true],
    ['2.0', '~> 1.2', false],
    ['4.3.0', '>= 4.3.0', true],
    ['4.2.9', '>= 4.3.0', false],
    ['1.0', '1.0', true],
    ['1.0', '!= 1.0', false],
    ['5.2.4.3', '>= 5.2.4.3, < 6.0', true],
    ['6.0.0', '>= 5.2.4.3, < 6.0', false],
    ['4.28.2.pre', '>= 4.28.2', false],
  ]);
});
