// A compact, JSON-friendly index of every entry in one layer (or root filesystem): what squashing,
// symlink resolution, risky-file checks and drift detection need, without the content.
import type { FileInfo, FileType } from '../catalog/analyzer.js';

const TYPES: readonly FileType[] = ['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo', 'other'];

export interface FileIndexData {
  paths: string[];
  /** per entry: type code, mode, size, uid, gid (flattened, 5 numbers an entry) */
  meta: number[];
  /** entry number → link target (symlink as written, hardlink normalised) */
  links: Record<number, string>;
  /** true when the layer had more entries than the index keeps */
  truncated?: boolean;
}

export class FileIndex {
  readonly data: FileIndexData;
  constructor(
    data?: FileIndexData,
    private readonly limit = 1_000_000,
  ) {
    this.data = data ?? { paths: [], meta: [], links: {} };
  }

  get size(): number {
    return this.data.paths.length;
  }

  /** false (and `truncated` set) once the limit is reached */
  add(info: FileInfo): boolean {
    if (this.data.paths.length >= this.limit) {
      this.data.truncated = true;
      return false;
    }
    const n = this.data.paths.length;
    this.data.paths.push(info.path);
    this.data.meta.push(TYPES.indexOf(info.type), info.mode, info.size, info.uid, info.gid);
    if (info.linkname !== undefined && (info.type === 'symlink' || info.type === 'hardlink'))
      this.data.links[n] = info.linkname;
    return true;
  }

  get(n: number): FileInfo {
    const m = this.data.meta;
    const o = n * 5;
    const info: FileInfo = {
      path: this.data.paths[n]!,
      type: TYPES[m[o]!] ?? 'other',
      mode: m[o + 1]!,
      size: m[o + 2]!,
      uid: m[o + 3]!,
      gid: m[o + 4]!,
    };
    const link = this.data.links[n];
    if (link !== undefined) info.linkname = link;
    return info;
  }

  *entries(): Generator<FileInfo> {
    for (let i = 0; i < this.data.paths.length; i++) yield this.get(i);
  }
}
