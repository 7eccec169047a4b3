// Writes docs/checks.md from the check registry: npm run docs:checks
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderChecksDoc } from '../src/evaluate/docs.js';

const target = fileURLToPath(new URL('../docs/checks.md', import.meta.url));
writeFileSync(target, renderChecksDoc());
console.log(`wrote ${target}`);
