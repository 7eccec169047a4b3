// A root filesystem (or repository) on the local disk, walked without following symlinks: a link is
// reported as a link, never traversed, so nothing outside the directory is ever read.
import { lstatSync, readdirSync, readlinkSync, statfsSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileInfo, FileType } from '../catalog/analyzer.js';
import type { WalkItem } from '../catalog/layer.js';
import { PalisadeError } from '../core/errors.js';
import type { Warning } from '../core/types.js';

export interface DirWalkOptions {
  /** paths relative to the root to leave out (and everything below them) */
  skipDirs?: readonly string[];
  warnings: Warning[];
}

/** virtual filesystems of a live root: their content is not the image's */
export const DEFAULT_ROOTFS_SKIP = ['proc', 'sys', 'dev'];

// statfs(2) f_type of kernel pseudo-filesystems: proc, sysfs, devpts, cgroup, cgroup2, debugfs,
// tracefs, securityfs, bpf, pstore, configfs, fusectl, mqueue, hugetlbfs, binfmt_misc, efivarfs
const PSEUDO_FS = new Set([
  0x9fa0, 0x62656572, 0x1cd1, 0x27e0eb, 0x63677270, 0x64626720, 0x74726163, 0x73636673, 0xcafe4a11,
  0x6165676c, 0x62656570, 0x65735543, 0x19800202, 0x958458f6, 0x42494e4d, 0xde5e81e4,
]);

/** A directory on another device that is a kernel pseudo-filesystem (a nested /proc in a chroot…). */
function isPseudoMount(abs: string): boolean {
  try {
    return PSEUDO_FS.has(Number(statfsSync(abs).type));
  } catch {
    return false;
  }
}

function typeOf(st: Stats): FileType {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  if (st.isFIFO()) return 'fifo';
  return 'other';
}

async function readBounded(abs: string, max: number): Promise<Buffer> {
  const fh = await open(abs, 'r');
  try {
    const { size } = await fh.stat();
    if (size > max)
      throw new PalisadeError('LIMIT', `${abs}: ${size} bytes exceeds the read limit of ${max}`);
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(buf, off, size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return off === size ? buf : buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}

export async function* walkDirectory(root: string, opts: DirWalkOptions): AsyncGenerator<WalkItem> {
  let rootStat: Stats;
  try {
    rootStat = lstatSync(root);
  } catch (e) {
    throw new PalisadeError(
      'INPUT',
      `${root}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (e as Error).message}`,
    );
  }
  if (!rootStat.isDirectory()) throw new PalisadeError('INPUT', `${root}: not a directory`);
  const skip = new Set(opts.skipDirs ?? []);
  const stack: string[] = [''];
  const devOf = new Map<string, number>([['', rootStat.dev]]);
  while (stack.length) {
    const rel = stack.pop()!;
    const absDir = rel ? join(root, rel) : root;
    let names: string[];
    try {
      names = readdirSync(absDir).sort();
    } catch (e) {
      opts.warnings.push({
        code: 'READ_ERROR',
        message: `${absDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        location: { path: rel },
      });
      continue;
    }
    const subdirs: string[] = [];
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      if (skip.has(path)) continue;
      const abs = join(root, path);
      let st: Stats;
      try {
        st = lstatSync(abs);
      } catch (e) {
        opts.warnings.push({
          code: 'READ_ERROR',
          message: `${abs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          location: { path },
        });
        continue;
      }
      const type = typeOf(st);
      const info: FileInfo = {
        path,
        type,
        size: type === 'file' ? st.size : 0,
        mode: st.mode & 0o7777,
        uid: st.uid,
        gid: st.gid,
        mtime: Math.floor(st.mtimeMs / 1000),
      };
      if (type === 'symlink') {
        try {
          info.linkname = readlinkSync(abs);
        } catch {
          // unreadable link target: keep the entry without it
        }
      }
      if (type === 'dir') {
        // crossing into a pseudo-filesystem (proc, sysfs… mounted under the tree): not file content
        if (st.dev !== devOf.get(rel) && isPseudoMount(abs)) {
          yield { kind: 'entry', info, read: (max) => readBounded(abs, max) };
          continue;
        }
        devOf.set(path, st.dev);
        subdirs.push(path);
      }
      yield { kind: 'entry', info, read: (max) => readBounded(abs, max) };
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
  }
}
