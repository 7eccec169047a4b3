// Adapts a layer's tar entries to walk items: normalises names, turns whiteout files into deletions,
// and refuses names that climb out of the image (they become warnings, never file-tree keys).
import type { FileInfo } from '../catalog/analyzer.js';
import type { WalkItem } from '../catalog/layer.js';
import type { Warning } from '../core/types.js';
import { normalizePath } from './paths.js';
import { ChunkReader, tarEntries, type TarWarning } from './tar.js';
import { classifyWhiteout } from './whiteout.js';

export async function* tarWalk(chunks: AsyncIterable<Buffer>, warnings: Warning[]): AsyncGenerator<WalkItem> {
  const tarWarnings: TarWarning[] = [];
  const reader = new ChunkReader(chunks[Symbol.asyncIterator]());
  let absolute = 0;
  try {
    for await (const e of tarEntries(reader, tarWarnings)) {
      const n = normalizePath(e.name);
      if (n.escapes) {
        warnings.push({
          code: 'TAR_PATH_ESCAPE',
          message: `tar entry name climbs out of the image: ${JSON.stringify(e.name)}; ignored`,
        });
        continue;
      }
      if (n.path === '') continue; // the root directory itself
      if (n.absolute) absolute++;
      const wh = classifyWhiteout(n.path);
      if (wh) {
        yield wh.kind === 'opaque' ? { kind: 'opaque', dir: wh.dir } : { kind: 'whiteout', path: wh.target };
        continue;
      }
      const info: FileInfo = {
        path: n.path,
        type: e.type,
        size: e.type === 'file' ? e.realSize : 0,
        mode: e.mode,
        uid: e.uid,
        gid: e.gid,
        mtime: e.mtime,
      };
      if (e.type === 'symlink') info.linkname = e.linkname;
      if (e.type === 'hardlink') {
        const t = normalizePath(e.linkname);
        if (t.escapes || t.path === '') {
          warnings.push({
            code: 'TAR_LINK_ESCAPE',
            message: `hardlink ${n.path} points outside the image: ${JSON.stringify(e.linkname)}; ignored`,
            location: { path: n.path },
          });
          info.type = 'other';
        } else info.linkname = t.path;
      }
      yield { kind: 'entry', info, sparse: e.sparse, read: (max) => e.read(max) };
    }
    // consume the rest so the digests over the whole blob complete
    await reader.drain();
  } finally {
    if (absolute)
      warnings.push({
        code: 'TAR_ABSOLUTE_PATH',
        message: `${absolute} tar entries had absolute names; read relative to the image root`,
      });
    for (const w of tarWarnings) warnings.push({ code: w.code, message: w.message });
  }
}
