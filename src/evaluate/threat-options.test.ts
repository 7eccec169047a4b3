import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MalwareEngine } from './malware/engine.js';
import { parseSize, threatAnalyzerOptions } from './threat-options.js';

describe('threat options from flags', () => {
  it('parses sizes', () => {
    assert.equal(parseSize('10MB', '--x'), 10 * 1024 * 1024);
    assert.equal(parseSize('512kb', '--x'), 512 * 1024);
    assert.equal(parseSize('1000', '--x'), 1000);
    assert.throws(() => parseSize('ten', '--secret-max-size'), /--secret-max-size ten: expected a size/);
    assert.throws(() => parseSize('0', '--x'), /between 1 byte/);
  });

  it('loads the secret config and builds the malware engine once, relative to cwd', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-threat-'));
    try {
      await writeFile(join(dir, 's.yaml'), 'disable: [jwt]\n');
      await writeFile(join(dir, 'h.txt'), `${'a'.repeat(64)};test\n`);
      const o = await threatAnalyzerOptions(
        { secretConfig: 's.yaml', secretMaxSize: '1MB', malwareHashes: ['h.txt'], baseLayers: '2' },
        ['secret', 'malware'],
        dir,
      );
      assert.deepEqual((o.secrets as { config: { disable: string[] } }).config.disable, ['jwt']);
      assert.equal((o.secrets as { maxFileSize: number }).maxFileSize, 1 << 20);
      assert.ok((o.malware as { engine: unknown }).engine instanceof MalwareEngine);
      assert.equal((o.malware as { engine: MalwareEngine }).engine.iocCount, 2);
      assert.deepEqual(o.riskyFiles, { baseLayers: 2 });
      await assert.rejects(
        threatAnalyzerOptions({ secretConfig: 'missing.yaml' }, ['secret'], dir),
        /secret config .*missing\.yaml: ENOENT/,
      );
      await assert.rejects(
        threatAnalyzerOptions({ yaraRules: 'r' }, ['secret'], dir),
        /need --scanners to include malware/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
