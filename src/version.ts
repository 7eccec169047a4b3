import { readFileSync } from 'node:fs';

// Read once from the package's own package.json (two levels up from src/ or dist/).
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
