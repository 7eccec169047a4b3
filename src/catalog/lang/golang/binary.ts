// Go binaries' build info: the .go.buildinfo data (Go ≥ 1.13) written by the linker, read the way
// `go version -m` reads it (debug/buildinfo): 14-byte magic "\xff Go buildinf:", pointer size, flags.
// Go ≥ 1.18 stores the version and module info inline as varint-prefixed strings; older toolchains
// store two pointers to Go string headers, resolved through the ELF program headers. Stripped
// binaries keep the data but may lose section headers: then the magic is searched for (16-aligned)
// in the file, as debug/buildinfo does in the data segment.
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { golangPurl } from '../../purl.js';
import { parseElf, maybeBinary, readVaddr, sectionData, type Elf } from '../elf.js';
import { pkg, safely } from '../common.js';

const FOUND_BY = 'go-binary';
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const MAX_STRING = 16 * 1024 * 1024;

export interface GoBuildInfo {
  goVersion: string;
  path?: string;
  main?: GoModule;
  deps: GoModule[];
  settings: Record<string, string>;
}
export interface GoModule {
  path: string;
  version: string;
  sum?: string;
  replace?: GoModule;
}

function uvarint(buf: Buffer, at: number): [number, number] | undefined {
  let x = 0;
  let shift = 0;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    const b = buf[i]!;
    x += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [x, i + 1];
    shift += 7;
  }
  return undefined;
}

function findBuildInfo(elf: Elf | undefined, buf: Buffer): Buffer | undefined {
  const sec = elf && sectionData(elf, '.go.buildinfo');
  if (sec && sec.subarray(0, 14).equals(MAGIC)) return sec;
  for (let at = buf.indexOf(MAGIC); at >= 0; at = buf.indexOf(MAGIC, at + 1)) {
    if (at % 16 === 0 && at + 32 <= buf.length) return buf.subarray(at);
  }
  return undefined;
}

// modinfo is wrapped in these 16-byte sentinels by cmd/go (modload.ModInfoData)
const INFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const INFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');
const GO_VERSION = /(?<![\w./-])go1\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?(?: X:[\w,]+)?(?![\w.])/;

/**
 * Binaries whose build-info header is absent (newer toolchains, some post-processed builds) still carry
 * the sentinel-wrapped modinfo in read-only data and the runtime's version string: read those.
 */
function sentinelBuildInfo(buf: Buffer): [string, string] | undefined {
  const start = buf.indexOf(INFO_START);
  if (start < 0) return undefined;
  const end = buf.indexOf(INFO_END, start + 16);
  if (end < 0 || end - start > MAX_STRING) return undefined;
  const mod = buf.toString('utf8', start + 16, end);
  if (!/^path\t|^mod\t/m.test(mod)) return undefined;
  // the runtime's buildVersion string; the search is bounded to printable runs near string data
  const m = GO_VERSION.exec(buf.toString('latin1'));
  return [m ? m[0] : '', mod];
}

/** Returns [version, modinfo] strings, or undefined when the file is not a Go binary. */
export function readGoBuildInfoStrings(buf: Buffer): [string, string] | undefined {
  const elf = parseElf(buf);
  const data = findBuildInfo(elf, buf);
  if (!data) return elf ? sentinelBuildInfo(buf) : undefined;
  const ptrSize = data[14]!;
  const flags = data[15]!;
  if (flags & 2) {
    let at = 32;
    const out: string[] = [];
    for (let i = 0; i < 2; i++) {
      const v = uvarint(data, at);
      if (!v || v[0] > MAX_STRING || v[1] + v[0] > data.length) return undefined;
      out.push(data.toString('utf8', v[1], v[1] + v[0]));
      at = v[1] + v[0];
    }
    return [out[0]!, out[1]!];
  }
  if (!elf || (ptrSize !== 4 && ptrSize !== 8)) return undefined;
  const be = (flags & 1) !== 0;
  const ptr = (b: Buffer, o: number) =>
    ptrSize === 8
      ? Number(be ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o))
      : be
        ? b.readUInt32BE(o)
        : b.readUInt32LE(o);
  const readString = (addr: number): string | undefined => {
    const hdr = readVaddr(elf, addr, ptrSize * 2);
    if (!hdr) return undefined;
    const dataAddr = ptr(hdr, 0);
    const len = ptr(hdr, ptrSize);
    if (len > MAX_STRING) return undefined;
    return readVaddr(elf, dataAddr, len)?.toString('utf8');
  };
  const version = readString(ptr(data, 16));
  const mod = readString(ptr(data, 16 + ptrSize));
  return version === undefined ? undefined : [version, mod ?? ''];
}

/** modinfo text (as printed by `go version -m`) → structure. */
export function parseModInfo(goVersion: string, raw: string): GoBuildInfo {
  // the linker wraps modinfo in 16-byte sentinels
  let mod = raw;
  if (mod.length >= 33 && mod[mod.length - 17] === '\n') mod = mod.slice(16, -16);
  const info: GoBuildInfo = { goVersion, deps: [], settings: {} };
  let last: GoModule | undefined;
  for (const line of mod.split('\n')) {
    const f = line.split('\t');
    const mk = (): GoModule => ({ path: f[1] ?? '', version: f[2] ?? '', ...(f[3] ? { sum: f[3] } : {}) });
    switch (f[0]) {
      case 'path':
        info.path = f[1];
        break;
      case 'mod':
        info.main = last = mk();
        break;
      case 'dep':
        last = mk();
        info.deps.push(last);
        break;
      case '=>':
        if (last) last.replace = mk();
        break;
      case 'build': {
        const kv = f.slice(1).join('\t');
        const eq = kv.indexOf('=');
        if (eq > 0) info.settings[kv.slice(0, eq)] = kv.slice(eq + 1).replace(/^"(.*)"$/, '$1');
        break;
      }
    }
  }
  return info;
}

export function goStdlibVersion(goVersion: string): string {
  // "go1.22.1", "go1.21.0 X:boringcrypto", "devel go1.23-abc…"
  const m = /go(\d+(?:\.\d+)*)/.exec(goVersion);
  return m ? m[1]! : goVersion;
}

function isLocalPath(p: string): boolean {
  return p.startsWith('.') || p.startsWith('/');
}

export function goBuildInfoToPackages(info: GoBuildInfo, path: string): Package[] {
  const meta = { goVersion: info.goVersion, ...(info.path ? { mainPath: info.path } : {}) };
  const out: Package[] = [];
  const modPkg = (m: GoModule, extra: Record<string, unknown>) => {
    // a replacement by another module is what was compiled in; a local directory keeps the original
    const eff = m.replace && !isLocalPath(m.replace.path) ? m.replace : m;
    const version = eff.version === '(devel)' ? '' : eff.version;
    const metadata: Record<string, unknown> = { ...meta, ...extra };
    if (m.replace) metadata.replaces = `${m.path}@${m.version}`;
    if (m.replace && isLocalPath(m.replace.path)) metadata.replacedBy = m.replace.path;
    if (eff.sum) metadata.h1 = eff.sum;
    return pkg({
      name: eff.path,
      version: eff.version,
      ecosystem: 'golang',
      purl: golangPurl(eff.path, version || undefined),
      path,
      foundBy: FOUND_BY,
      metadata,
    });
  };
  if (info.main?.path) {
    const settings = Object.fromEntries(
      Object.entries(info.settings).filter(([k]) =>
        /^(GOOS|GOARCH|GOAMD64|CGO_ENABLED|vcs\.|-tags|-ldflags)/.test(k),
      ),
    );
    out.push(
      modPkg(info.main, {
        mainModule: true,
        ...(Object.keys(settings).length ? { buildSettings: settings } : {}),
      }),
    );
  }
  const depPurls: string[] = [];
  for (const d of info.deps) {
    const p = modPkg(d, {});
    depPurls.push(p.purl);
    out.push(p);
  }
  const std = goStdlibVersion(info.goVersion);
  out.push(
    pkg({
      name: 'stdlib',
      version: std,
      ecosystem: 'golang',
      purl: golangPurl('stdlib', std),
      path,
      foundBy: FOUND_BY,
      metadata: meta,
    }),
  );
  if (out[0] && info.main?.path) out[0].dependsOn = [...depPurls, out[out.length - 1]!.purl];
  return out;
}

export const goBinary = {
  id: FOUND_BY,
  version: 1,
  maxSize: 1024 * 1024 * 1024,
  required: maybeBinary,
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => {
      const strings = readGoBuildInfoStrings(await read());
      if (!strings) return [];
      return goBuildInfoToPackages(parseModInfo(strings[0], strings[1]), path);
    }),
} as const satisfies Analyzer;
