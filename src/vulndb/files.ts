// Reads advisory sources as a flat stream of files, whatever their container: a directory tree, a .zip
// (osv.dev's all.zip), a .tar.gz / .tgz / .tar (upstream repository snapshots), a single .gz, or a plain
// file. Every read is capped (zip and gzip bombs stop with an error naming the entry); symlinks in
// directories are not followed, so a source tree cannot pull in files from elsewhere on the host.
import { createReadStream } from 'node:fs';
import { lstat, readFile, readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import yauzl from 'yauzl';
import { PalisadeError, errorMessage } from '../core/errors.js';
import { ChunkReader, tarEntries, type TarWarning } from '../extract/tar.js';

export interface SourceFile {
  /** path inside the source, '/'-separated */
  path: string;
  size: number;
  read(): Promise<Buffer>;
}

export interface WalkOptions {
  /** largest single file read (default 256 MiB: the Debian tracker JSON is ~70 MB) */
  maxFileSize?: number;
  /** called for entries that could not be read; the walk goes on */
  warn?(message: string): void;
}

const DEFAULT_MAX = 256 * 1024 * 1024;

export function archiveKind(path: string): 'zip' | 'tar.gz' | 'tar' | 'gz' | 'file' {
  const p = path.toLowerCase();
  if (p.endsWith('.zip')) return 'zip';
  if (p.endsWith('.tar.gz') || p.endsWith('.tgz')) return 'tar.gz';
  if (p.endsWith('.tar')) return 'tar';
  if (p.endsWith('.gz')) return 'gz';
  return 'file';
}

export async function* walkSource(input: string, opts: WalkOptions = {}): AsyncGenerator<SourceFile> {
  const max = opts.maxFileSize ?? DEFAULT_MAX;
  let st;
  try {
    st = await lstat(input);
  } catch (e) {
    throw new PalisadeError('INPUT', `advisory source ${input}: ${errorMessage(e)}`);
  }
  if (st.isDirectory()) {
    yield* walkDir(input, input, max, opts);
    return;
  }
  if (!st.isFile()) throw new PalisadeError('INPUT', `advisory source ${input}: not a file or directory`);
  switch (archiveKind(input)) {
    case 'zip':
      yield* walkZip(input, max, opts);
      return;
    case 'tar.gz':
      yield* walkTar(input, true, max, opts);
      return;
    case 'tar':
      yield* walkTar(input, false, max, opts);
      return;
    case 'gz': {
      const name = basename(input).replace(/\.gz$/i, '');
      yield { path: name, size: st.size, read: async () => gunzipCapped(await readFile(input), max, input) };
      return;
    }
    default:
      if (st.size > max)
        throw new PalisadeError('LIMIT', `advisory source ${input}: ${st.size} bytes exceeds ${max}`);
      yield { path: basename(input), size: st.size, read: () => readFile(input) };
  }
}

export function gunzipCapped(buf: Buffer, max: number, label: string): Buffer {
  try {
    return gunzipSync(buf, { maxOutputLength: max });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|too large/i.test(errorMessage(e)))
      throw new PalisadeError('LIMIT', `${label}: decompresses to more than ${max} bytes`);
    throw new PalisadeError('INPUT', `${label}: not valid gzip (${errorMessage(e)})`);
  }
}

async function* walkDir(
  root: string,
  dir: string,
  max: number,
  opts: WalkOptions,
): AsyncGenerator<SourceFile> {
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = await lstat(p);
    if (st.isDirectory()) yield* walkDir(root, p, max, opts);
    else if (st.isFile()) {
      const rel = relative(root, p).split(sep).join('/');
      if (st.size > max) {
        opts.warn?.(`${rel}: ${st.size} bytes exceeds ${max}, skipped`);
        continue;
      }
      yield { path: rel, size: st.size, read: () => readFile(p) };
    }
  }
}

async function* walkTar(
  path: string,
  gz: boolean,
  max: number,
  opts: WalkOptions,
): AsyncGenerator<SourceFile> {
  const raw = createReadStream(path);
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  const warnings: TarWarning[] = [];
  const reader = new ChunkReader(stream[Symbol.asyncIterator]());
  try {
    for await (const e of tarEntries(reader, warnings)) {
      if (e.type !== 'file') continue;
      const name = e.name.replace(/^\.\//, '');
      if (e.size > max) {
        opts.warn?.(`${path}!${name}: ${e.size} bytes exceeds ${max}, skipped`);
        continue;
      }
      // the entry's bytes are only readable before the next entry: read them now
      const data = await e.read(max);
      yield { path: name, size: e.size, read: async () => data };
    }
  } catch (e) {
    throw new PalisadeError('INPUT', `advisory source ${path}: ${errorMessage(e)}`);
  } finally {
    stream.destroy();
    raw.destroy();
  }
  for (const w of warnings) opts.warn?.(`${path}: ${w.message}`);
}

async function* walkZip(path: string, max: number, opts: WalkOptions): AsyncGenerator<SourceFile> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true },
      (err, z) =>
        err
          ? reject(new PalisadeError('INPUT', `advisory source ${path}: not a valid zip (${err.message})`))
          : resolve(z!),
    ),
  );
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
        const onEntry = (e: yauzl.Entry) => {
          cleanup();
          resolve(e);
        };
        const onEnd = () => {
          cleanup();
          resolve(undefined);
        };
        const onError = (e: Error) => {
          cleanup();
          reject(new PalisadeError('INPUT', `advisory source ${path}: ${e.message}`));
        };
        const cleanup = () => {
          zip.off('entry', onEntry);
          zip.off('end', onEnd);
          zip.off('error', onError);
        };
        zip.on('entry', onEntry);
        zip.on('end', onEnd);
        zip.on('error', onError);
        zip.readEntry();
      });
      if (!entry) return;
      if (entry.fileName.endsWith('/')) continue;
      if (entry.uncompressedSize > max) {
        opts.warn?.(`${path}!${entry.fileName}: ${entry.uncompressedSize} bytes exceeds ${max}, skipped`);
        continue;
      }
      const data = await readZipEntry(zip, entry, max, path);
      yield { path: entry.fileName, size: data.length, read: async () => data };
    }
  } finally {
    zip.close();
  }
}

function readZipEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, max: number, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, rs) => {
      if (err || !rs) return reject(new PalisadeError('INPUT', `${path}!${entry.fileName}: ${err?.message}`));
      const chunks: Buffer[] = [];
      let n = 0;
      rs.on('data', (c: Buffer) => {
        n += c.length;
        // yauzl checks the declared size; this also stops a lying header early
        if (n > max) {
          rs.destroy();
          reject(
            new PalisadeError('LIMIT', `${path}!${entry.fileName}: decompresses to more than ${max} bytes`),
          );
        } else chunks.push(c);
      });
      rs.on('error', (e) => reject(new PalisadeError('INPUT', `${path}!${entry.fileName}: ${e.message}`)));
      rs.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
