// Dockerfiles and Compose files found inside an image or a scanned tree (issue 7: "Dockerfiles found
// in images and repos"), checked by the same packs as `palisade config`. Kubernetes manifests are left
// out on purpose: any .yaml in an image could be one, and images carry many that are not deployed
// (chart examples, test data); Dockerfiles and Compose files are recognised by name.
import type { Analyzer } from '../catalog/analyzer.js';
import { composeName, dockerfileName, SKIP_DIRS } from './config-names.js';

export const configFilesAnalyzer = {
  id: 'config-files',
  version: 1,
  scanner: 'misconfig',
  // a real Dockerfile or Compose file is a few kB; the YAML loader refuses documents over 3 MiB anyway
  maxSize: 4 * 1024 * 1024,
  required(path, info) {
    if (info.type !== 'file') return false;
    const parts = path.split('/');
    const name = parts[parts.length - 1]!;
    if (!dockerfileName(name) && !composeName(name)) return false;
    return !parts.some((p, i) => i < parts.length - 1 && SKIP_DIRS.has(p));
  },
  async analyze({ path, read }) {
    const buf = await read();
    if (buf.includes(0)) return undefined; // a binary file under a Dockerfile-like name
    const { checkConfigFile } = await import('./config-files-check.js');
    return checkConfigFile(path, buf.toString('utf8'));
  },
} as const satisfies Analyzer;
