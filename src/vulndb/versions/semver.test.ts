import { test } from 'node:test';
import { semver } from './semver.js';
import { go } from './go.js';
import { cargo } from './cargo.js';
import { assertOrder, assertSatisfies, assertValidity } from './order-table.js';

// semver.org §11 precedence and npm's range grammar (node-semver README)
test('semver: precedence', () => {
  assertOrder(semver, [
    ['1.0.0-alpha', '<', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '<', '1.0.0-alpha.beta'],
    ['1.0.0-alpha.beta', '<', '1.0.0-beta'],
    ['1.0.0-beta.2', '<', '1.0.0-beta.11'],
    ['1.0.0-rc.1', '<', '1.0.0'],
    ['1.0.0+build.1', '=', '1.0.0'],
    ['4.17.15', '<', '4.17.20'],
    ['v1.2.3', '=', '1.2.3'],
  ]);
  assertValidity(semver, ['1.2.3', 'v1.2.3', '1.0.0-rc.1'], ['1.2', '01.2.3', 'latest', '']);
});

test('npm ranges include pre-releases', () => {
  assertSatisfies(semver, [
    ['1.5.1', '<=1.5.1', true],
    ['1.5.2', '<=1.5.1', false],
    ['1.5.1-beta', '<=1.5.1', true],
    ['1.2.0', '>=1.0.0 <1.2.0 || >=2.0.0', false],
    ['2.1.0', '>=1.0.0 <1.2.0 || >=2.0.0', true],
    ['8.1.3', '^8.1.4 || ^7.10.1', false],
    ['8.2.0', '^8.1.4 || ^7.10.1', true],
    ['0.0.8', '<0.0.9', true],
  ]);
});

// golang.org/ref/mod#versions and #pseudo-versions
test('go: module versions, pseudo-versions, +incompatible and toolchain versions', () => {
  assertOrder(go, [
    ['v0.0.0-20210428140749-89ef3d95e781', '<', 'v0.0.0-20210520170846-37e1c6afe023'],
    ['v0.0.0-20210428140749-89ef3d95e781', '<', 'v0.1.0'],
    ['v0.7.0', '>', 'v0.0.0-20220906165146-f3363e06e74c'],
    ['v1.2.4-0.20191109021931-daa7c04131f5', '>', 'v1.2.3'],
    ['v1.2.4-0.20191109021931-daa7c04131f5', '<', 'v1.2.4'],
    ['v2.0.0+incompatible', '=', 'v2.0.0'],
    ['v2.0.0+incompatible', '>', 'v1.9.9'],
    ['go1.20', '=', '1.20.0'],
    ['go1.21rc2', '<', 'go1.21.0'],
    ['go1.21rc2', '=', '1.21.0-rc.2'],
    ['go1.16.3', '<', '1.16.4'],
    ['go1.9', '<', 'go1.10'],
    ['1.22', '=', 'go1.22.0'],
    ['1.21rc2', '<', '1.21.0'],
  ]);
  assertValidity(
    go,
    ['v1.2.3', 'go1.20.3', '0.0.0-20210428140749-89ef3d95e781'],
    ['(devel)', 'master', 'v1.2.3.4'],
  );
});

// doc.rust-lang.org/cargo/reference/specifying-dependencies.html
test('cargo: requirements', () => {
  assertSatisfies(cargo, [
    ['0.9.1', '>= 0.9.1', true],
    ['0.9.0', '>= 0.9.1', false],
    ['1.2.5', '1.2.3', true],
    ['2.0.0', '1.2.3', false],
    ['0.2.9', '0.2.3', true],
    ['0.3.0', '0.2.3', false],
    ['0.0.4', '0.0.3', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['1.5.0', '>= 1.2.0, < 1.5', false],
    ['1.4.9', '>= 1.2.0, < 1.5', true],
    ['1.2.3', '=1.2.3', true],
    ['1.9.0', '1.*', true],
    ['1.0.0-beta.1', '>= 0.9.1', true],
  ]);
});
