import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SecretFinding } from '../../core/types.js';
import { runLayers } from '../../testing/fake-layers.js';
import { secretAnalyzer } from './analyzer.js';
import { parseSecretConfig } from './config.js';
import { buildArgsOf, scanImageConfigSecrets } from './image-config.js';
import { secretEngineFor } from './analyzer.js';
import { chatRules } from './rules/chat.js';
import { cloudRules } from './rules/cloud.js';
import { genericRules } from './rules/generic.js';
import { paymentRules } from './rules/payment.js';
import { privateKeyRules } from './rules/private-keys.js';
import { registryRules } from './rules/registries.js';
import { saasRules } from './rules/saas.js';
import { vcsRules } from './rules/vcs.js';
import { FAKE_TOKENS, generate, prng } from './testdata/fake-tokens.js';

const families = {
  cloudRules,
  vcsRules,
  chatRules,
  paymentRules,
  registryRules,
  privateKeyRules,
  saasRules,
  genericRules,
};

describe('secret analyzer across layers', () => {
  for (const [family, rules] of Object.entries(families)) {
    it(`${family}: a secret added in layer 2 and deleted in layer 3 is reported with both layer indexes`, async () => {
      const rand = prng(family.length * 977);
      const rule = rules[0]!;
      const sample = FAKE_TOKENS[rule.id]!;
      const { text, secret } = generate(sample.text, rand);
      const content = `# config\n${text}\n`;
      const path = sample.path ?? 'app/settings.conf';
      const { final } = await runLayers(secretAnalyzer, [
        [{ path: 'etc/os-release', content: 'ID=debian\n' }],
        [{ path: 'app/readme.txt', content: 'nothing here\n' }],
        [{ path, content }],
        [{ path, deleted: true }],
      ]);
      const f = (final.findings ?? []).filter(
        (x): x is SecretFinding => x.kind === 'secret' && x.id === rule.id,
      );
      assert.equal(f.length, 1, JSON.stringify(final));
      assert.equal(f[0]!.location?.path, path);
      assert.equal(f[0]!.location?.layerIndex, 2);
      assert.equal(f[0]!.hiddenInLayer, 3);
      assert.equal(f[0]!.location?.line, content.slice(0, content.indexOf(secret)).split('\n').length);
      assert.ok(f[0]!.match.endsWith('****'));
    });
  }

  it('reports an overwritten secret as hidden by the overwriting layer, and the visible one without', async () => {
    const { final } = await runLayers(secretAnalyzer, [
      [{ path: 'app/.env', content: 'GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n' }],
      [{ path: 'app/.env', content: 'GITHUB_TOKEN=ghp_ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210\n' }],
    ]);
    const f = (final.findings ?? []) as SecretFinding[];
    assert.deepEqual(
      f.map((x) => [x.id, x.location?.layerIndex, x.hiddenInLayer]),
      [
        ['github-pat', 0, 1],
        ['github-pat', 1, undefined],
      ],
    );
  });

  it('does not read binary-extension files, and skips big files with a warning without reading them', async () => {
    const { final, reads } = await runLayers(
      secretAnalyzer,
      [
        [
          { path: 'usr/lib/libx.so.1.2', content: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' },
          { path: 'app/big.txt', content: Buffer.alloc(4096, 0x61) },
        ],
      ],
      { secrets: { maxFileSize: 1024 } },
    );
    assert.equal(reads, 0);
    assert.deepEqual(final.findings, []);
    assert.match(final.warnings![0]!.message, /app\/big\.txt: 4096 bytes is over the 1024-byte limit/);
  });
});

describe('secret configuration', () => {
  it('adds user rules and disables built-ins', async () => {
    const cfg = parseSecretConfig(
      `rules:
  - id: acme-token
    category: acme
    title: ACME token
    severity: critical
    keywords: [acme_]
    regex: 'acme_[a-z0-9]{32}'
disable: [github-pat]
`,
      'secrets.yaml',
    );
    const { final } = await runLayers(
      secretAnalyzer,
      [
        [
          {
            path: 'app/x.txt',
            content: 'a=acme_0123456789abcdef0123456789abcdef\nb=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n',
          },
        ],
      ],
      { secrets: { config: cfg } },
    );
    assert.deepEqual(
      (final.findings as SecretFinding[]).map((f) => [f.id, f.severity, f.category, f.match]),
      [['acme-token', 'critical', 'acme', 'acme****']],
    );
  });

  it('applies the global allowlist', async () => {
    const cfg = parseSecretConfig(
      `allowlist:\n  paths: ['^usr/share/doc/']\n  regexes: ['^ghp_abcdef']\n`,
      's.yaml',
    );
    const e = await secretEngineFor({ secrets: { config: cfg } });
    assert.equal(
      e.scan('ghp_abcdefghijklmnopqrstuvwxyz0123456789', { path: 'usr/share/doc/x' }).matches.length,
      0,
    );
    assert.equal(e.scan('ghp_abcdefghijklmnopqrstuvwxyz0123456789', { path: 'app/x' }).matches.length, 0);
    assert.equal(e.scan('ghp_Zbcdefghijklmnopqrstuvwxyz0123456789', { path: 'app/x' }).matches.length, 1);
  });

  const bad: [string, string, RegExp][] = [
    ['not YAML', 'rules: [', /s\.yaml: not valid YAML/],
    ['not a mapping', '- a', /s\.yaml: expected a mapping/],
    ['unknown key', 'rulez: []', /s\.yaml: unknown key rulez/],
    [
      'rule without keywords',
      'rules:\n  - id: x\n    regex: abc\n',
      /rules\[0\] \(x\): keywords are required/,
    ],
    [
      'backtracking regex',
      "rules:\n  - id: x\n    keywords: [a]\n    regex: '(a)\\1'\n",
      /secret rule x: invalid RE2 pattern/,
    ],
    [
      'unknown severity',
      'rules:\n  - id: x\n    keywords: [a]\n    regex: a\n    severity: huge\n',
      /severity must be one of/,
    ],
    ['disabling an unknown rule', 'disable: [nope]', /disable: no built-in rule nope/],
    [
      'clashing with a built-in id',
      'rules:\n  - id: jwt\n    keywords: [a]\n    regex: a\n',
      /a built-in rule has this id/,
    ],
    [
      'alias bomb',
      'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
      /s\.yaml: not valid YAML|s\.yaml: unknown key/,
    ],
  ];
  for (const [name, text, err] of bad) {
    it(`rejects ${name} with a clear error`, async () => {
      await assert.rejects(async () => {
        const cfg = parseSecretConfig(text, 's.yaml');
        await secretEngineFor({ secrets: { config: cfg } });
      }, err);
    });
  }
});

describe('image config secrets', () => {
  it('finds secrets in Env, Labels and history created_by with build-arg values', async () => {
    const engine = await secretEngineFor({});
    const findings = scanImageConfigSecrets(
      {
        config: {
          Env: ['PATH=/usr/bin', 'DB_PASSWORD=Zk3vQ9pLm2xT7wRbY4'],
          Labels: { 'org.acme.deploy-token': 'glpat-abcdefghij0123456789' },
        },
        history: [
          { created_by: '/bin/sh -c #(nop) ADD file:abc in /' },
          { created_by: '/bin/sh -c #(nop)  ARG NPM_TOKEN', empty_layer: true },
          {
            created_by:
              '|2 NPM_TOKEN=npm_abcdefghijklmnopqrstuvwxyz0123456789 STAGE=prod /bin/sh -c npm ci && rm -f .npmrc',
          },
          { created_by: 'RUN |1 SENTRY_PASSWORD=Qm9vR3xTz8LkPw2s /bin/sh -c ./build.sh # buildkit' },
        ],
      },
      engine,
    );
    assert.deepEqual(
      findings.map((f) => [f.id, f.location?.path, f.location?.layerIndex, f.match]),
      [
        ['generic-secret-assignment', 'image-config:Env', undefined, 'Zk3v****'],
        ['gitlab-pat', 'image-config:Labels', undefined, 'glpa****'],
        ['npm-access-token', 'image-config:history[2].created_by', 1, 'npm_****'],
        ['generic-secret-assignment', 'image-config:history[3].created_by', 2, 'Qm9v****'],
      ],
    );
  });

  it('parses build args of classic and BuildKit history lines', () => {
    assert.deepEqual(buildArgsOf('|2 A=1 B=x=y /bin/sh -c echo'), ['A=1', 'B=x=y']);
    assert.deepEqual(buildArgsOf('RUN |1 TOKEN=abc /bin/sh -c make'), ['TOKEN=abc']);
    assert.deepEqual(buildArgsOf('/bin/sh -c echo |2 A=1'), []);
  });
});
