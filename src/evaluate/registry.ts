// Every built-in check of every pack. Explicit list (no side-effect registration): a pack's index
// lists its checks, this file lists the packs.
import type { Check } from './engine.js';
import { composeChecks } from './compose/index.js';
import { dockerfileChecks } from './dockerfile/index.js';
import { imageChecks } from './image/index.js';
import { k8sChecks } from './k8s/index.js';

export interface Pack {
  id: string;
  title: string;
  checks: readonly Check[];
}

export const packs: readonly Pack[] = [
  { id: 'image', title: 'Image configuration', checks: imageChecks },
  { id: 'dockerfile', title: 'Dockerfile', checks: dockerfileChecks },
  { id: 'kubernetes', title: 'Kubernetes', checks: k8sChecks },
  { id: 'compose', title: 'Docker Compose', checks: composeChecks },
];

export const builtinChecks: readonly Check[] = packs.flatMap((p) => p.checks);
