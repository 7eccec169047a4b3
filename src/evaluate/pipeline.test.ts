// Secrets and malware through the real image pipeline (tar walk, layer cache, squash, stages), on images
// built in the test: per rule family, a secret added in layer 2 and deleted (whiteout) in layer 3.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { MalwareFinding, SecretFinding } from '../core/types.js';
import { scanImage } from '../scan/image.js';
import { buildImage, writeOciLayout } from '../testing/image-builder.js';
import { captureIO } from '../cli/capture-io.js';
import { main } from '../cli/main.js';
import { chatRules } from './secrets/rules/chat.js';
import { cloudRules } from './secrets/rules/cloud.js';
import { genericRules } from './secrets/rules/generic.js';
import { paymentRules } from './secrets/rules/payment.js';
import { privateKeyRules } from './secrets/rules/private-keys.js';
import { registryRules } from './secrets/rules/registries.js';
import { saasRules } from './secrets/rules/saas.js';
import { vcsRules } from './secrets/rules/vcs.js';
import { FAKE_TOKENS, generate, prng } from './secrets/testdata/fake-tokens.js';
import * as S from './malware/testdata/samples.js';
import { threatAnalyzerOptions } from './threat-options.js';

const tmp = mkdtempSync(join(tmpdir(), 'pal-threats-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

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
const rand = prng(2024);
const planted = Object.entries(families).map(([family, rules], i) => {
  const rule = rules[1] ?? rules[0]!;
  const sample = FAKE_TOKENS[rule.id]!;
  const { text, secret } = generate(sample.text, rand);
  const path = sample.path ? sample.path.replace(/^root\//, `home/u${i}/`) : `srv/${family}/settings.conf`;
  return { family, rule: rule.id, path, content: `# ${family}\n${text}\n`, secret };
});

const layout = join(tmp, 'layout');
writeOciLayout(layout, [
  {
    tag: 'threats',
    image: buildImage(
      [
        { entries: [{ name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }] },
        { entries: [{ name: 'srv/readme.txt', content: 'nothing\n' }] },
        {
          entries: [
            ...planted.map((p) => ({ name: p.path, content: p.content })),
            { name: 'opt/miner/config.json', content: S.XMRIG_CONFIG },
            { name: 'usr/local/bin/health', content: S.BASH_REVERSE_SHELL, mode: 0o755 },
          ],
          createdBy: 'COPY . /',
        },
        {
          entries: [
            ...planted.map((p) => ({ name: p.path.replace(/([^/]+)$/, '.wh.$1'), content: '' })),
            { name: 'opt/miner/.wh.config.json', content: '' },
          ],
          createdBy: 'RUN rm -f …',
        },
      ],
      {
        config: {
          config: {
            Env: ['PATH=/usr/bin', 'GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345'],
            Labels: { maintainer: 'x' },
          },
        },
      },
    ),
  },
]);

describe('secrets and malware through the image pipeline', () => {
  it('reports, per rule family, a secret added in layer 2 and deleted in layer 3 with both indexes', async () => {
    const scanners = ['secret', 'malware'] as const;
    const report = await scanImage(`oci:${layout}:threats`, {
      scanners,
      noCache: true,
      analyzerOptions: await threatAnalyzerOptions({}, scanners, tmp),
    });
    const secrets = report.findings.filter((f): f is SecretFinding => f.kind === 'secret');
    for (const p of planted) {
      const f = secrets.find((s) => s.id === p.rule && s.location?.path === p.path);
      assert.ok(f, `${p.family} (${p.rule}) in ${p.path}`);
      assert.equal(f.location?.layerIndex, 2);
      assert.equal(f.hiddenInLayer, 3);
      assert.equal(f.match, `${[...p.secret].slice(0, 4).join('')}****`);
      assert.ok(!JSON.stringify(report).includes(p.secret));
    }
    const env = secrets.find((s) => s.location?.path === 'image-config:Env');
    assert.equal(env?.id, 'github-pat');
    const malware = report.findings.filter((f): f is MalwareFinding => f.kind === 'malware');
    assert.deepEqual(
      malware.map((m) => [m.id, m.location?.path, m.location?.layerIndex, m.hiddenInLayer]).sort(),
      [
        ['PALISADE_Miner_Config_JSON', 'opt/miner/config.json', 2, 3],
        ['PALISADE_Miner_Monero_Wallet_With_Pool', 'opt/miner/config.json', 2, 3],
        ['PALISADE_ReverseShell_Bash_DevTcp', 'usr/local/bin/health', 2, undefined],
      ],
    );
  });

  it('the CLI gates on them and keeps secrets redacted in every format', async () => {
    for (const format of ['json', 'table']) {
      const io = captureIO();
      const code = await main(
        [
          'image',
          `oci:${layout}:threats`,
          '--scanners',
          'secret,malware',
          '--no-cache',
          '-f',
          format,
          '--exit-code',
          '4',
          '-q',
        ],
        io,
      );
      assert.equal(code, 4, io.err());
      for (const p of planted) assert.ok(!io.out().includes(p.secret), `${format} shows ${p.rule}`);
      assert.ok(!io.out().includes('ghp_0123456789abcdefghijABCDEFGHIJ012345'));
    }
  });

  it('rejects a broken --yara-rules directory with one clear line', async () => {
    const io = captureIO();
    const code = await main(
      ['image', `oci:${layout}:threats`, '--scanners', 'malware', '--yara-rules', join(tmp, 'nope')],
      io,
    );
    assert.equal(code, 2);
    assert.match(io.err(), /^palisade: --yara-rules .*nope: ENOENT/);
  });

  it('palisade fs scans a repository directory', async () => {
    const repo = join(tmp, 'repo');
    const io0 = captureIO();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(repo, 'deploy'), { recursive: true });
    writeFileSync(join(repo, 'deploy', '.env'), 'STRIPE_KEY=sk_live_0123456789abcdefghijklmnopqrstuv\n');
    writeFileSync(join(repo, 'run.sh'), S.BASH_REVERSE_SHELL, { mode: 0o755 });
    const code = await main(['fs', repo, '--scanners', 'secret,malware', '-f', 'json', '-q'], io0);
    assert.equal(code, 0, io0.err());
    const r = JSON.parse(io0.out()) as { findings: (SecretFinding | MalwareFinding)[] };
    assert.deepEqual(r.findings.map((f) => [f.kind, f.id, f.location?.path, f.location?.line]).sort(), [
      ['malware', 'PALISADE_ReverseShell_Bash_DevTcp', 'run.sh', 4],
      ['secret', 'stripe-secret-key', 'deploy/.env', 1],
    ]);
  });
});
