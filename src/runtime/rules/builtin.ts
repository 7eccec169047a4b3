// The built-in rule file ships in the package's data/ directory (YAML, so users read and tune it like
// any Falco rule file). This path resolves from src/ (tests) and dist/ (installed) alike.
import { readFileSync } from 'node:fs';
import { packagePath } from '../../core/package-root.js';
import { PalisadeError } from '../../core/errors.js';
import type { RuleFile } from './ruleset.js';

export const BUILTIN_RULES_PATH = packagePath('data', 'runtime', 'palisade_rules.yaml');

export function builtinRuleFile(): RuleFile {
  try {
    return { name: 'palisade_rules.yaml (built-in)', text: readFileSync(BUILTIN_RULES_PATH, 'utf8') };
  } catch (e) {
    throw new PalisadeError('INTERNAL', `built-in rules missing at ${BUILTIN_RULES_PATH}`, { cause: e });
  }
}

/** Read rule files given on the command line; a missing or unreadable file is an input error. */
export function readRuleFiles(paths: readonly string[]): RuleFile[] {
  return paths.map((p) => {
    try {
      return { name: p, text: readFileSync(p, 'utf8') };
    } catch (e) {
      throw new PalisadeError(
        'INPUT',
        `${p}: cannot read rule file (${(e as NodeJS.ErrnoException).code ?? e})`,
      );
    }
  });
}
