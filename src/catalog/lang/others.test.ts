// Ruby, Rust, PHP and .NET catalogers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { Package } from '../../core/types.js';
import { analyzeBuffer } from '../testutil.js';
import { parseDepsJson, parsePackagesLock } from './dotnet/nuget.js';
import { parseComposerLock, parseInstalledJson } from './php/composer.js';
import { parseGemfileLock } from './ruby/gemfile-lock.js';
import { parseGemspec, rubyGemspec } from './ruby/gemspec.js';
import { rustAuditable } from './rust/auditable.js';
import { parseCargoLock } from './rust/cargo-lock.js';

const summary = (ps: Package[]) => ps.map((p) => `${p.purl}${p.dev ? ' dev' : ''}`).sort();

test('gemspec: name, version, licenses without evaluating Ruby', async () => {
  const spec = `# -*- encoding: utf-8 -*-
# stub: rack 3.0.8 ruby lib
Gem::Specification.new do |s|
  s.name = "rack".freeze
  s.version = "3.0.8"
  s.licenses = ["MIT".freeze]
  s.add_runtime_dependency(%q<webrick>.freeze, [">= 0"])
end
`;
  const r = await analyzeBuffer(rubyGemspec, 'usr/local/bundle/specifications/rack-3.0.8.gemspec', spec);
  assert.equal(r.packages![0]!.purl, 'pkg:gem/rack@3.0.8');
  assert.deepEqual(r.packages![0]!.licenses, ['MIT']);
  assert.deepEqual(parseGemspec('puts "hello"', 'x'), []);
});

test('Gemfile.lock: GEM/GIT/PATH specs, platforms stripped, edges', () => {
  const lock = `GIT
  remote: https://example.invalid/x.git
  revision: abc
  specs:
    gitgem (0.1.0)

GEM
  remote: https://rubygems.org/
  specs:
    nokogiri (1.15.4-x86_64-linux)
      racc (~> 1.4)
    racc (1.7.1)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  nokogiri

BUNDLED WITH
   2.4.10
`;
  const ps = parseGemfileLock(lock, 'Gemfile.lock');
  assert.deepEqual(summary(ps), ['pkg:gem/gitgem@0.1.0', 'pkg:gem/nokogiri@1.15.4', 'pkg:gem/racc@1.7.1']);
  assert.deepEqual(ps.find((p) => p.name === 'nokogiri')!.dependsOn, ['pkg:gem/racc@1.7.1']);
});

test('Cargo.lock: registry crates, versioned edges, workspace members left out', () => {
  const lock = `version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["serde", "syn 2.0.38"]

[[package]]
name = "serde"
version = "1.0.189"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "syn"
version = "1.0.109"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "syn"
version = "2.0.38"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = ["serde"]
`;
  const ps = parseCargoLock(lock, 'Cargo.lock');
  assert.deepEqual(summary(ps), ['pkg:cargo/serde@1.0.189', 'pkg:cargo/syn@1.0.109', 'pkg:cargo/syn@2.0.38']);
  assert.deepEqual(ps.find((p) => p.version === '2.0.38')!.dependsOn, ['pkg:cargo/serde@1.0.189']);
});

/** ELF64 with a section header table naming one section. */
function elfWithSection(name: string, data: Buffer): Buffer {
  const names = Buffer.from(`\0${name}\0.shstrtab\0`);
  const dataOff = 64;
  const strOff = dataOff + data.length;
  const shOff = Math.ceil((strOff + names.length) / 8) * 8;
  const b = Buffer.alloc(Math.max(shOff + 3 * 64, 2048));
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2;
  b[5] = 1;
  b.writeBigUInt64LE(BigInt(shOff), 0x28);
  b.writeUInt16LE(64, 0x3a);
  b.writeUInt16LE(3, 0x3c);
  b.writeUInt16LE(2, 0x3e);
  data.copy(b, dataOff);
  names.copy(b, strOff);
  const sh = (i: number, nameOff: number, type: number, off: number, size: number) => {
    const o = shOff + i * 64;
    b.writeUInt32LE(nameOff, o);
    b.writeUInt32LE(type, o + 4);
    b.writeBigUInt64LE(BigInt(off), o + 24);
    b.writeBigUInt64LE(BigInt(size), o + 32);
  };
  sh(1, 1, 1, dataOff, data.length);
  sh(2, 2 + name.length, 3, strOff, names.length);
  return b;
}

test('cargo-auditable .dep-v0: crates, build-only dev, edges; corrupt section is a warning', async () => {
  const json = {
    packages: [
      { name: 'app', version: '0.1.0', source: 'local', dependencies: [1, 2], root: true },
      { name: 'serde', version: '1.0.189', source: 'crates.io' },
      { name: 'cc', version: '1.0.83', source: 'crates.io', kind: 'build' },
    ],
  };
  const bin = elfWithSection('.dep-v0', deflateSync(JSON.stringify(json)));
  const r = await analyzeBuffer(rustAuditable, 'usr/bin/app', bin, 'image', {}, 0o755);
  assert.deepEqual(summary(r.packages!), [
    'pkg:cargo/app@0.1.0',
    'pkg:cargo/cc@1.0.83 dev',
    'pkg:cargo/serde@1.0.189',
  ]);
  assert.deepEqual(r.packages![0]!.dependsOn, ['pkg:cargo/serde@1.0.189', 'pkg:cargo/cc@1.0.83']);
  const bad = await analyzeBuffer(
    rustAuditable,
    'usr/bin/bad',
    elfWithSection('.dep-v0', Buffer.from('nope'.repeat(300))),
    'image',
    {},
    0o755,
  );
  assert.match(bad.warnings![0]!.message, /usr\/bin\/bad: .dep-v0 section does not inflate/);
});

test('composer installed.json (v1 and v2) and composer.lock: dev, licenses, edges', () => {
  const v2 = {
    packages: [
      { name: 'symfony/console', version: 'v6.3.4', license: ['MIT'], require: { 'psr/log': '^3' } },
      { name: 'psr/log', version: '3.0.0', license: ['MIT'] },
      { name: 'phpunit/phpunit', version: '10.3.5', license: ['BSD-3-Clause'] },
    ],
    'dev-package-names': ['phpunit/phpunit'],
  };
  const ps = parseInstalledJson(Buffer.from(JSON.stringify(v2)), 'vendor/composer/installed.json');
  assert.deepEqual(summary(ps), [
    'pkg:composer/phpunit/phpunit@10.3.5 dev',
    'pkg:composer/psr/log@3.0.0',
    'pkg:composer/symfony/console@v6.3.4',
  ]);
  assert.deepEqual(ps[0]!.dependsOn, ['pkg:composer/psr/log@3.0.0']);
  assert.equal(parseInstalledJson(Buffer.from(JSON.stringify(v2.packages)), 'x').length, 3);
  const lock = {
    packages: [{ name: 'monolog/monolog', version: '3.4.0', license: ['MIT', 'Apache-2.0'] }],
    'packages-dev': [{ name: 'mockery/mockery', version: '1.6.6' }],
  };
  const lp = parseComposerLock(Buffer.from(JSON.stringify(lock)), 'composer.lock');
  assert.deepEqual(summary(lp), [
    'pkg:composer/mockery/mockery@1.6.6 dev',
    'pkg:composer/monolog/monolog@3.4.0',
  ]);
  assert.deepEqual(lp[0]!.licenses, ['(MIT OR Apache-2.0)']);
});

test('.NET deps.json (packages only, edges) and packages.lock.json (projects skipped)', () => {
  const deps = {
    runtimeTarget: { name: '.NETCoreApp,Version=v8.0' },
    targets: {
      '.NETCoreApp,Version=v8.0': {
        'App/1.0.0': { dependencies: { 'Newtonsoft.Json': '13.0.3' } },
        'Newtonsoft.Json/13.0.3': {},
        'Serilog/3.0.1': { dependencies: { 'Newtonsoft.Json': '13.0.3' } },
      },
    },
    libraries: {
      'App/1.0.0': { type: 'project' },
      'Newtonsoft.Json/13.0.3': { type: 'package', sha512: 'sha512-x' },
      'Serilog/3.0.1': { type: 'package' },
    },
  };
  const ps = parseDepsJson(Buffer.from(JSON.stringify(deps)), 'app/App.deps.json');
  assert.deepEqual(summary(ps), ['pkg:nuget/Newtonsoft.Json@13.0.3', 'pkg:nuget/Serilog@3.0.1']);
  assert.deepEqual(ps[1]!.dependsOn, ['pkg:nuget/Newtonsoft.Json@13.0.3']);
  const lock = {
    version: 1,
    dependencies: {
      'net8.0': {
        'Newtonsoft.Json': { type: 'Direct', requested: '[13.0.3, )', resolved: '13.0.3' },
        Lib: { type: 'Project' },
      },
    },
  };
  assert.deepEqual(summary(parsePackagesLock(Buffer.from(JSON.stringify(lock)), 'packages.lock.json')), [
    'pkg:nuget/Newtonsoft.Json@13.0.3',
  ]);
});
