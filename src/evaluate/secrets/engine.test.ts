import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SecretEngine } from './engine.js';
import { redact } from './redact.js';
import { builtinSecretRules } from './rules/index.js';
import { FAKE_TOKENS, generate, prng } from './testdata/fake-tokens.js';

const engine = new SecretEngine(builtinSecretRules);

describe('built-in secret rules', () => {
  it('has at least 80 rules with unique ids and the fields every rule needs', () => {
    assert.ok(builtinSecretRules.length >= 80, `${builtinSecretRules.length} rules`);
    for (const r of builtinSecretRules) {
      assert.match(r.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, r.id);
      assert.ok(r.keywords.length > 0, r.id);
      assert.ok(r.category && r.title && r.severity, r.id);
    }
  });

  it('has a fake-token template for every rule (and none for unknown rules)', () => {
    assert.deepEqual(Object.keys(FAKE_TOKENS).sort(), builtinSecretRules.map((r) => r.id).sort());
  });

  for (const rule of builtinSecretRules) {
    it(`${rule.id}: detects generated tokens of its format, redacted, with line and column`, () => {
      const sample = FAKE_TOKENS[rule.id]!;
      const rand = prng([...rule.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
      for (let round = 0; round < 5; round++) {
        const { text, secret } = generate(sample.text, rand);
        const content = `# generated for a test\n\n${text}\n# end\n`;
        const r = engine.scan(Buffer.from(content), { path: sample.path ?? 'app/config.txt' });
        const m = r.matches.find((x) => x.ruleId === rule.id);
        assert.ok(
          m,
          `${rule.id} round ${round}: no match in ${JSON.stringify(text.slice(0, 200))}: ${JSON.stringify(r)}`,
        );
        assert.equal(m.redacted, redact(secret));
        assert.ok(m.redacted.endsWith('****'));
        const before = content.slice(0, content.indexOf(secret));
        assert.equal(m.line, before.split('\n').length, `${rule.id} line`);
        assert.equal(m.column, before.length - before.lastIndexOf('\n'), `${rule.id} column`);
        assert.equal(m.example, false);
        assert.equal(m.severity, rule.severity);
      }
    });
  }

  it('finds single-line tokens inside a very long line', () => {
    const rand = prng(42);
    const filler = 'lorem ipsum dolor sit amet, '.repeat(20000);
    for (const rule of builtinSecretRules) {
      const sample = FAKE_TOKENS[rule.id]!;
      // multi-line samples and rules anchored to a line's start do not fit inside another line
      if (sample.text.includes('\n') || rule.regex.includes('(?m)^')) continue;
      const { text, secret } = generate(sample.text, rand);
      const content = `${filler} ${text} ${filler}`;
      const r = engine.scan(Buffer.from(content), { path: sample.path ?? 'app/bundle.min.js' });
      const m = r.matches.find((x) => x.ruleId === rule.id);
      assert.ok(m, `${rule.id} inside a long line`);
      assert.equal(m.line, 1);
      assert.equal(m.column, content.indexOf(secret) + 1);
    }
  });
});

describe('near misses are not reported', () => {
  const cases: [string, string][] = [
    ['aws key id too short', 'AKIA1234567890ABCDE'],
    ['aws key id with lower case', 'AKIAabcdefghijklmnop'],
    ['aws key id glued to a word', 'XAKIAQWERTYUIOPASDFGH'],
    ['aws key id with 0/1/8/9 (not base32)', 'AKIA0189018901890189'],
    ['github token too short', 'ghp_abcdefghijklmnopqrstuvwxyz01234'],
    ['github prefix in upper case', 'GHP_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['github token glued to more characters', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789x'],
    ['gitlab token too short', 'glpat-abc123'],
    ['slack bot token missing a part', 'xoxb-123456789012-abcdefghijklmnopqrstuvwx'],
    ['stripe publishable key', 'pk_live_51HxxxxxxxxxxxxxxxxxxxxxxxxYYYY'],
    ['npm token too short', 'npm_abcdefghijklmnopqrstuvwxyz01234'],
    ['pypi token without the macaroon', 'pypi-abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstu'],
    ['google api key too short', 'AIzaSyA-short'],
    [
      'public key block',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----',
    ],
    [
      'certificate block',
      '-----BEGIN CERTIFICATE-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END CERTIFICATE-----',
    ],
    ['private key header without a body', '-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----'],
    [
      'jwt with a non-JSON header',
      'abcdefghijklmnop.eyJzdWIiOiIxMjM0NTY3ODkw.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV',
    ],
    ['database url without a password', 'postgres://app@db.internal:5432/app'],
    ['database url with a template password', 'postgres://app:${DB_PASSWORD}@db.internal:5432/app'],
    ['database url with a placeholder password', 'mysql://root:password@localhost/test'],
    ['url with a placeholder password', 'https://user:changeme@example.com/'],
    ['twilio-like id without context', 'SK0123456789abcdef0123456789abcdef'],
    ['telegram-like without AA', '1234567890:BBabcdefghijklmnopqrstuvwxyz0123456'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const r = engine.scan(Buffer.from(`x = ${text}\n`), { path: 'app/notes.txt' });
      assert.deepEqual(
        r.matches.map((m) => m.ruleId),
        [],
      );
    });
  }

  const configCases: [string, string][] = [
    ['low-entropy password', 'DB_PASSWORD=aaaaaaaaaaaa'],
    ['password from the environment', 'DB_PASSWORD=${DB_PASSWORD}'],
    ['password as a shell variable', 'export DB_PASSWORD=$SECRET_FROM_VAULT'],
    ['templated password', 'password: "{{ .Values.db.password }}"'],
    ['placeholder password', 'password: <your-password-here>'],
    ['password file path', 'password_file: /run/secrets/db_password'],
    [
      'bcrypt hash of a password',
      'password_hash: $2b$12$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY',
    ],
    ['secret reference', 'secret: vault:kv/data/app#password'],
    ['placeholder with a stopword', 'api_key: YOUR_API_KEY_EXAMPLE_1234'],
    ['short value', 'secret=abc123'],
  ];
  for (const [name, text] of configCases) {
    it(`config: ${name}`, () => {
      const r = engine.scan(Buffer.from(`${text}\n`), { path: 'app/config.yaml' });
      assert.deepEqual(
        r.matches.filter((m) => !m.example).map((m) => m.ruleId),
        [],
      );
    });
  }

  it('does not apply configuration-file rules to other files', () => {
    const r = engine.scan(Buffer.from('DB_PASSWORD=Zk3vQ9pLm2xT7wRb\n'), {
      path: 'usr/share/doc/readme.txt',
    });
    assert.deepEqual(r.matches, []);
    const c = engine.scan(Buffer.from('DB_PASSWORD=Zk3vQ9pLm2xT7wRb\n'), { path: 'Env', configLike: true });
    assert.deepEqual(
      c.matches.map((m) => m.ruleId),
      ['generic-secret-assignment'],
    );
  });
});

describe('documented example values', () => {
  it('reports AWS documentation keys as example, severity low', () => {
    const r = engine.scan(
      Buffer.from(
        'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      ),
      { path: 'app/.env' },
    );
    assert.deepEqual(
      r.matches.map((m) => [m.ruleId, m.example, m.severity, m.redacted]),
      [
        ['aws-access-key-id', true, 'low', 'AKIA****'],
        ['aws-secret-access-key', true, 'low', 'wJal****'],
      ],
    );
    assert.match(r.matches[0]!.title, /documented example/);
  });

  it('reports the jwt.io sample token and Stripe docs key as examples', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    const r = engine.scan(Buffer.from(`t=${jwt}\nstripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"\n`), {
      path: 'a.txt',
    });
    assert.deepEqual(
      r.matches.map((m) => [m.ruleId, m.example]),
      [
        ['jwt', true],
        ['stripe-test-secret-key', true],
      ],
    );
  });
});

describe('engine limits', () => {
  it('skips binary files unless a rule targets them', () => {
    const bin = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0]),
      Buffer.from(' ghp_abcdefghijklmnopqrstuvwxyz0123456789 '),
    ]);
    assert.deepEqual(engine.scan(bin, { path: 'usr/bin/app' }), { matches: [], notes: [], scanned: false });
    const withBinaryRule = new SecretEngine([
      { ...builtinSecretRules.find((r) => r.id === 'github-pat')!, binary: true },
    ]);
    assert.equal(withBinaryRule.scan(bin, { path: 'usr/bin/app' }).matches.length, 1);
  });

  it('skips files over the size cap with a note', () => {
    const small = new SecretEngine(builtinSecretRules, { maxFileSize: 1024 });
    const r = small.scan(Buffer.alloc(2048, 0x61), { path: 'big.txt' });
    assert.equal(r.scanned, false);
    assert.match(r.notes[0]!, /big\.txt: 2048 bytes is over the 1024-byte limit/);
  });

  it('bounds the work on a file made of one keyword repeated', () => {
    const text = 'password=Zk3vQ9pLm2xT7wRb '.repeat(20000);
    const r = engine.scan(Buffer.from(text), { path: 'app/x.env' });
    assert.ok(r.matches.length <= 100);
    assert.ok(r.notes.some((n) => /not (examined|reported)/.test(n)));
  });

  it('scans a 50 MB single-line file', () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'abcdefghij0123456789+/');
    const token = Buffer.from(' ghp_abcdefghijklmnopqrstuvwxyz0123456789 ');
    token.copy(big, 30 * 1024 * 1024);
    const r = new SecretEngine(builtinSecretRules, { maxFileSize: 64 * 1024 * 1024 }).scan(big, {
      path: 'big.min.js',
    });
    assert.equal(r.matches.length, 1);
    assert.equal(r.matches[0]!.line, 1);
  });

  it('scans a file of 100,000 short lines', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++)
      lines.push(i % 1000 === 999 ? `KEY_${i}=AKIA${'QWERTYUIOPASDFGH'}` : `line ${i} password: x`);
    const r = engine.scan(Buffer.from(lines.join('\n')), { path: 'app/x.yaml' });
    assert.equal(r.matches.filter((m) => m.ruleId === 'aws-access-key-id').length, 100);
    assert.equal(r.matches[0]!.line, 1000);
  });

  it('rejects a rule whose pattern needs backtracking', () => {
    assert.throws(
      () =>
        new SecretEngine([
          { id: 'x', category: 'c', title: 't', severity: 'low', keywords: ['a'], regex: '(a+)\\1' },
        ]),
      /secret rule x: invalid RE2 pattern/,
    );
    assert.throws(
      () =>
        new SecretEngine([
          { id: 'x', category: 'c', title: 't', severity: 'low', keywords: ['a'], regex: 'a(?=b)' },
        ]),
      /invalid RE2 pattern/,
    );
  });
});
