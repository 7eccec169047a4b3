/* eslint-disable @typescript-eslint/no-explicit-any -- the SPDX document is inspected as loose JSON */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv2019 } from 'ajv/dist/2019.js';
import type { Artifact, Package } from '../core/types.js';
import { markOsOwnership } from '../catalog/ownership.js';
import { rpmSqlite } from '../catalog/pkg/rpm-sqlite.js';
import { parsePackageLock } from '../catalog/lang/npm/package-lock.js';
import { analyzeBuffer } from '../catalog/testutil.js';
import { cyclonedxJson } from './cyclonedx.js';
import { spdxDocument, spdxJson } from './spdx.js';

const artifact: Artifact = {
  name: 'example.com/app:1.0',
  type: 'container-image',
  digest: 'sha256:' + 'a'.repeat(64),
  layers: [{ index: 0, diffId: 'sha256:' + 'b'.repeat(64) }],
};

async function samplePackages(): Promise<Package[]> {
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const rpm = await analyzeBuffer(
    rpmSqlite,
    'var/lib/rpm/rpmdb.sqlite',
    readFileSync(here('../catalog/pkg/testdata/rpm/rpmdb.sqlite')),
  );
  const npm = parsePackageLock(
    readFileSync(here('../catalog/lang/npm/testdata/package-lock-v3.json')),
    'app/package-lock.json',
  );
  const lic = { ...npm[0]!, licenses: ['MIT', 'LicenseRef-Custom-1'] };
  const pkgs = [...rpm.packages!, lic, ...npm.slice(1)].map((p) => ({
    ...p,
    locations: p.locations.map((l) => ({ ...l, layerIndex: 0 })),
  }));
  return markOsOwnership(pkgs);
}

test('CycloneDX 1.6: valid against the official schema (strict), purls, licenses, deps, locations', async () => {
  const json = cyclonedxJson({
    artifact,
    packages: await samplePackages(),
    createdAt: '2026-01-01T00:00:00Z',
  });
  const err = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(json);
  assert.equal(err, null, JSON.stringify(err));
  const bom = JSON.parse(json);
  assert.equal(bom.specVersion, '1.6');
  const hello = bom.components.find((c: { name: string }) => c.name === 'palisade-hello');
  assert.equal(hello.purl, 'pkg:rpm/rpm/palisade-hello@1.2.3-4.el9?arch=x86_64&epoch=2');
  assert.deepEqual(hello.licenses, [{ expression: 'GPL-2.0-or-later AND MIT' }]);
  assert.ok(
    hello.properties.some(
      (p: { name: string; value: string }) =>
        p.name === 'palisade:location:path' && p.value === 'var/lib/rpm/rpmdb.sqlite',
    ),
  );
  const express = bom.components.find((c: { name: string }) => c.name === 'express');
  assert.ok(express.hashes.length === 0 || express.hashes[0].alg);
  const dep = bom.dependencies.find((d: { ref: string }) => d.ref === 'pkg:npm/express@4.18.2');
  assert.deepEqual(dep.dependsOn.sort(), ['pkg:npm/debug@2.6.9', 'pkg:npm/ms@2.1.3']);
});

test('SPDX 2.3: required fields, purl refs, relationships; official schema when provided', async (t) => {
  const pkgs = await samplePackages();
  const doc = spdxDocument({ artifact, packages: pkgs, createdAt: '2026-01-01T00:00:00Z' }) as Record<
    string,
    any
  >;
  assert.equal(doc.spdxVersion, 'SPDX-2.3');
  assert.equal(doc.creationInfo.created, '2026-01-01T00:00:00Z');
  const ids = new Set(doc.packages.map((p: { SPDXID: string }) => p.SPDXID));
  assert.equal(ids.size, doc.packages.length);
  for (const p of doc.packages) {
    assert.match(p.SPDXID, /^SPDXRef-[A-Za-z0-9.-]+$/);
    for (const k of ['name', 'downloadLocation', 'licenseDeclared']) assert.ok(p[k], `${p.name}: ${k}`);
  }
  for (const r of doc.relationships) {
    assert.ok(r.spdxElementId === 'SPDXRef-DOCUMENT' || ids.has(r.spdxElementId));
    assert.ok(ids.has(r.relatedSpdxElement));
  }
  assert.deepEqual(
    doc.hasExtractedLicensingInfos.map((x: { licenseId: string }) => x.licenseId),
    ['LicenseRef-BSD', 'LicenseRef-Custom-1'],
  );
  const schemaPath = process.env.PALISADE_SPDX_SCHEMA;
  if (!schemaPath) {
    t.diagnostic(
      'PALISADE_SPDX_SCHEMA unset: SPDX 2.3 official schema validation skipped (the schema is not on npm or in Debian)',
    );
    return;
  }
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // the 2.3 schema was published as draft-07 and later relabelled 2019-09; its keywords are the same
  const { $schema: _drop, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<
    string,
    unknown
  >;
  const validate = ajv.compile(schema);
  const ok = validate(JSON.parse(spdxJson({ artifact, packages: pkgs })));
  assert.ok(ok, JSON.stringify(validate.errors));
});
