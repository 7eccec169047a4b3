// Reports for format tests and benchmarks.
//
// `buildSampleReport` runs the real pipeline on an image built here (Debian packages, an npm lockfile,
// a live and a deleted secret across three layers), matches it with the real matcher against small
// feeds written for these tests (src/report/testdata/feeds), and adds the kinds whose engines are
// not part of an image scan yet (misconfig, malware, license) from testdata. Timestamps, timings and
// the scanner version are pinned, so renderings are byte-stable golden files.
//
// `syntheticReport(n)` makes a large report (n findings of every kind, deterministic) for benchmarks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SEVERITIES,
  REPORT_SCHEMA_VERSION,
  type Finding,
  type LayerInfo,
  type Package,
  type Report,
} from '../core/types.js';
import { ignoreFileSuppressor, loadIgnoreFile } from '../match/ignore-file.js';
import { matchPackages } from '../match/index.js';
import { applySuppressors } from '../match/suppress.js';
import { loadVex, vexSuppressor } from '../match/vex.js';
import { scanImage } from '../scan/image.js';
import { sortFindings } from '../scan/report.js';
import { importSource } from '../vulndb/build.js';
import { VulnStore } from '../vulndb/store.js';
import { buildImage, DEBIAN_OS_RELEASE, dpkgParagraph, writeOciLayout } from './image-builder.js';

export const SAMPLE_TESTDATA = fileURLToPath(new URL('../report/testdata/', import.meta.url));
export const PINNED_TIME = '2024-06-01T12:00:00.000Z';

const pkgJson = (name: string, version: string, license: string) =>
  JSON.stringify({ name, version, license, description: `${name} test copy` });

/** The sample image as an OCI layout in `dir` (tag `app`). */
export function writeSampleImage(dir: string): string {
  const status = [
    dpkgParagraph('libssl3', '3.0.11-1~deb12u2', { source: 'openssl' }),
    dpkgParagraph('zlib1g', '1:1.2.13.dfsg-1', { source: 'zlib' }),
    dpkgParagraph('bash', '5.2.15-2+b2'),
  ].join('\n');
  const token = `ghp_${'A1b2C3d4E5'.repeat(3)}a1B2c3`;
  const image = buildImage([
    {
      entries: [
        { name: 'etc/os-release', content: DEBIAN_OS_RELEASE },
        { name: 'var/lib/dpkg/status', content: status },
      ],
      createdBy: '/bin/sh -c #(nop) ADD file:4b1c in /',
    },
    {
      entries: [
        { name: 'app/', type: '5' },
        {
          name: 'app/package.json',
          content: JSON.stringify({ name: 'app', version: '1.0.0', private: true }),
        },
        { name: 'app/node_modules/lodash/package.json', content: pkgJson('lodash', '4.17.15', 'MIT') },
        { name: 'app/node_modules/minimist/package.json', content: pkgJson('minimist', '1.2.0', 'MIT') },
        { name: 'app/deploy.env', content: `REGION=eu-west-1\nGITHUB_TOKEN=${token}\n` },
        { name: 'app/old.env', content: `GITHUB_TOKEN=ghp_${'Z9y8X7w6V5'.repeat(3)}z9Y8x7\n` },
      ],
      createdBy: 'COPY app/ /app/ # buildkit',
    },
    {
      entries: [{ name: 'app/.wh.old.env', content: '' }],
      createdBy: 'RUN /bin/sh -c rm /app/old.env # buildkit',
    },
  ]);
  writeOciLayout(dir, [{ image, tag: 'app' }]);
  return `oci:${dir}:app`;
}

/** Imports the sample feeds (src/report/testdata/feeds) into `store`. */
export async function importFeeds(store: VulnStore): Promise<void> {
  const feeds = join(SAMPLE_TESTDATA, 'feeds');
  await importSource(store, { path: join(feeds, 'osv'), name: 'osv-test', date: '2024-01-01' });
  await importSource(store, { path: join(feeds, 'debian.json'), name: 'debian-test', date: '2024-01-01' });
  await importSource(store, {
    path: join(feeds, 'known_exploited_vulnerabilities.json'),
    name: 'kev-test',
    date: '2024-01-01',
  });
}

export async function sampleStore(): Promise<VulnStore> {
  const store = VulnStore.create(':memory:');
  await importFeeds(store);
  return store;
}

/** The sample image scanned and matched, with pinned volatile fields. */
export async function buildSampleReport(): Promise<Report> {
  const tmp = mkdtempSync(join(tmpdir(), 'pal-sample-'));
  try {
    const ref = writeSampleImage(join(tmp, 'app'));
    const report = await scanImage(ref, { noCache: true, scanners: ['secret'] });
    const store = await sampleStore();
    try {
      const m = matchPackages(report.packages, report.artifact.os, store);
      report.findings.push(...m.findings);
      report.warnings.push(...m.warnings);
    } finally {
      store.close();
    }
    const extra = JSON.parse(readFileSync(join(SAMPLE_TESTDATA, 'extra-findings.json'), 'utf8')) as Finding[];
    report.findings = sortFindings([...report.findings, ...extra]);
    return pin(report, 'app:1.0');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The sample with the sample ignore file (one entry expired) and OpenVEX document applied. */
export async function buildSuppressedSample(): Promise<Report> {
  const r = await buildSampleReport();
  const warnings: Report['warnings'] = [];
  const ignore = await loadIgnoreFile(join(SAMPLE_TESTDATA, 'palisadeignore.yaml'), '.palisadeignore');
  const vex = await loadVex(join(SAMPLE_TESTDATA, 'vex.openvex.json'));
  applySuppressors(r, [
    ignoreFileSuppressor(ignore, { warnings, now: new Date('2024-06-01') }),
    vexSuppressor(
      [{ ...vex, statements: vex.statements.map((s) => ({ ...s, source: 'vex.json' })) }],
      r.artifact,
    ),
  ]);
  r.warnings.push(...warnings);
  return r;
}

/** Pins what differs between runs and machines: time, timings, version, the temp path in the name. */
export function pin(report: Report, name: string): Report {
  report.createdAt = PINNED_TIME;
  delete report.timings;
  report.scanner = { name: 'palisade', version: '0.0.0-test' };
  report.artifact.name = name;
  for (const l of report.artifact.layers) delete l.cached;
  return report;
}

/** A deterministic pseudo-random generator (mulberry32), so synthetic reports are the same every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'buffer overflow in parser allows remote attackers to cause denial of service via crafted input header request'.split(
    ' ',
  );

/**
 * A large report: `n` findings (80% vulnerabilities over `n / 5` packages in 8 layers, the rest
 * secrets, misconfigurations, malware and licenses), suppressed ones and warnings, as a real big
 * image scan would give.
 */
export function syntheticReport(n: number, seed = 1): Report {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const sentence = (k: number) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  const layers: LayerInfo[] = Array.from({ length: 8 }, (_, i) => ({
    index: i,
    diffId: `sha256:${i.toString(16).padStart(64, '0')}`,
    size: 1_000_000 * (i + 1),
    createdBy: `RUN step ${i}`,
  }));
  const packages: Package[] = [];
  const nPkgs = Math.max(1, Math.floor(n / 5));
  for (let i = 0; i < nPkgs; i++) {
    const os = i % 3 === 0;
    const name = `pkg-${i}`;
    const version = `${1 + (i % 7)}.${i % 13}.${i % 5}`;
    packages.push({
      name,
      version,
      ecosystem: os ? 'deb' : 'npm',
      purl: os
        ? `pkg:deb/debian/${name}@${version}?arch=amd64&distro=debian-12`
        : `pkg:npm/${name}@${version}`,
      locations: [
        {
          path: os ? 'var/lib/dpkg/status' : `app/${i % 10}/package-lock.json`,
          layerIndex: os ? 0 : 1 + (i % 7),
        },
      ],
      foundBy: os ? 'dpkg-status' : 'npm-package-lock',
      licenses: [pick(['MIT', 'Apache-2.0', 'GPL-2.0-only', 'BSD-3-Clause'])],
    });
  }
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    // fewer critical than low, as in real images
    const severity = SEVERITIES[Math.min(4, Math.floor(Math.sqrt(r()) * 5))]!;
    const kindRoll = i % 20;
    if (kindRoll < 16) {
      const p = packages[i % packages.length]!;
      const fixed = r() < 0.6;
      const year = 2015 + (i % 10);
      findings.push({
        kind: 'vulnerability',
        id: `CVE-${year}-${10000 + i}`,
        aliases: r() < 0.3 ? [`GHSA-${i.toString(36).padStart(4, 'x')}-test-0000`] : [],
        title: sentence(6 + Math.floor(r() * 8)),
        severity,
        severitySource: p.ecosystem === 'deb' ? 'debian' : 'ghsa',
        pkg: { name: p.name, version: p.version, purl: p.purl, ecosystem: p.ecosystem },
        status: fixed ? 'affected' : r() < 0.2 ? 'will_not_fix' : 'affected',
        ...(fixed ? { fixedVersions: [`${p.version}-fix1`] } : {}),
        cvss: [
          {
            version: '3.1',
            vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
            score: Math.round(r() * 100) / 10,
          },
        ],
        ...(r() < 0.02 ? { kev: true } : {}),
        references: [`https://security-tracker.debian.org/tracker/CVE-${year}-${10000 + i}`],
        location: { ...p.locations[0]! },
        dataSource: 'synthetic',
      });
    } else if (kindRoll < 18) {
      findings.push({
        kind: 'secret',
        id: pick(['github-pat', 'aws-access-key-id', 'slack-bot-token']),
        title: 'Credential in a file',
        category: pick(['github', 'aws', 'slack']),
        severity,
        match: 'ghp_****',
        location: { path: `app/config/${i}.env`, layerIndex: 1 + (i % 7), line: 1 + (i % 40) },
      });
    } else if (kindRoll < 19) {
      findings.push({
        kind: 'misconfig',
        id: `PAL-K8S-${String(i % 40).padStart(3, '0')}`,
        checkId: `PAL-K8S-${String(i % 40).padStart(3, '0')}`,
        title: sentence(5),
        severity,
        resource: `Deployment/default/web-${i % 30}`,
        location: { path: `k8s/web-${i % 30}.yaml`, line: 10 + (i % 50) },
        remediation: sentence(8),
      });
    } else if (i % 40 === 19) {
      findings.push({
        kind: 'malware',
        id: 'EICAR-Test-File',
        rule: 'EICAR_Test_File',
        title: 'EICAR anti-virus test file',
        severity: 'critical',
        location: { path: `opt/bin/tool-${i}`, layerIndex: i % 8 },
        sha256: i.toString(16).padStart(64, '0'),
      });
    } else {
      const p = packages[i % packages.length]!;
      findings.push({
        kind: 'license',
        id: 'license-denied',
        title: 'License on the deny list',
        severity: 'medium',
        license: 'AGPL-3.0-only',
        pkg: { name: p.name, version: p.version, purl: p.purl },
        location: { ...p.locations[0]! },
      });
    }
  }
  const sorted = sortFindings(findings);
  const suppressed = sorted.filter((_, i) => i % 50 === 0);
  const kept = sorted.filter((_, i) => i % 50 !== 0);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scanner: { name: 'palisade', version: '0.0.0-bench' },
    createdAt: PINNED_TIME,
    artifact: {
      name: 'registry.example.com/big/app:2.0',
      type: 'container-image',
      digest: `sha256:${'ab'.repeat(32)}`,
      os: { family: 'debian', version: '12', codename: 'bookworm' },
      layers,
    },
    packages,
    findings: kept,
    suppressed: suppressed.map((f, i) => ({
      ...f,
      suppression:
        i % 2
          ? { by: '.palisadeignore', reason: 'accepted risk', source: '.palisadeignore:3' }
          : {
              by: 'vex',
              status: 'not_affected',
              justification: 'vulnerable_code_not_present',
              source: 'vex.json: statement 1',
            },
    })),
    warnings: Array.from({ length: 25 }, (_, i) => ({ code: 'TEST', message: `warning ${i}` })),
  };
}
