// The built-in secret rules, in report order. Written from the providers' documented token formats
// (each family file names its sources); no rule text is copied from another scanner.
import type { SecretRule } from '../rule.js';
import { chatRules } from './chat.js';
import { cloudRules } from './cloud.js';
import { genericRules } from './generic.js';
import { paymentRules } from './payment.js';
import { privateKeyRules } from './private-keys.js';
import { registryRules } from './registries.js';
import { saasRules } from './saas.js';
import { vcsRules } from './vcs.js';

export const builtinSecretRules: readonly SecretRule[] = [
  ...cloudRules,
  ...vcsRules,
  ...chatRules,
  ...paymentRules,
  ...registryRules,
  ...privateKeyRules,
  ...saasRules,
  ...genericRules,
];
