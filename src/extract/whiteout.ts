// OCI/AUFS whiteouts (image-spec layer.md): `.wh.NAME` deletes NAME from lower layers, and
// `.wh..wh..opq` in a directory hides everything lower layers put in it.
import { basename, dirname } from './paths.js';

const PREFIX = '.wh.';
const OPAQUE = '.wh..wh..opq';

export type WhiteoutKind = { kind: 'opaque'; dir: string } | { kind: 'whiteout'; target: string } | undefined;

export function classifyWhiteout(path: string): WhiteoutKind {
  const base = basename(path);
  if (!base.startsWith(PREFIX)) return undefined;
  const dir = dirname(path);
  if (base === OPAQUE) return { kind: 'opaque', dir };
  const name = base.slice(PREFIX.length);
  if (name === '' || name === '.' || name === '..') return undefined;
  return { kind: 'whiteout', target: dir ? `${dir}/${name}` : name };
}
