// Minimal ELF reader for the binary catalogers: section lookup by name and virtual-address → file-offset
// mapping (ELF spec, System V gABI). Just enough for Go build info and cargo-auditable sections; all
// reads are bounds-checked so a truncated or hostile file yields undefined, never a throw past here.
import type { FileInfo } from '../analyzer.js';

export interface Elf {
  buf: Buffer;
  is64: boolean;
  le: boolean;
  sections: { name: string; offset: number; size: number; addr: number; type: number }[];
  segments: { offset: number; vaddr: number; filesz: number; type: number }[];
}

const MAX_TABLE = 1 << 16;

export function isElf(buf: Buffer): boolean {
  return buf.length >= 52 && buf[0] === 0x7f && buf[1] === 0x45 && buf[2] === 0x4c && buf[3] === 0x46;
}

/** regular executable files and shared objects worth opening (content decides whether they are ELF) */
export function maybeBinary(path: string, info: FileInfo): boolean {
  if (info.type !== 'file' || info.size < 1024) return false;
  return (info.mode & 0o111) !== 0 || /\.so(\.\d+)*$/.test(path);
}

export function parseElf(buf: Buffer): Elf | undefined {
  if (!isElf(buf)) return undefined;
  const is64 = buf[4] === 2;
  const le = buf[5] === 1;
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const word = (o: number) => (is64 ? Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o)) : u32(o));
  try {
    const phoff = word(is64 ? 0x20 : 0x1c);
    const shoff = word(is64 ? 0x28 : 0x20);
    const phentsize = u16(is64 ? 0x36 : 0x2a);
    const phnum = u16(is64 ? 0x38 : 0x2c);
    const shentsize = u16(is64 ? 0x3a : 0x2e);
    const shnum = u16(is64 ? 0x3c : 0x30);
    const shstrndx = u16(is64 ? 0x3e : 0x32);
    const segments: Elf['segments'] = [];
    for (let i = 0; i < Math.min(phnum, MAX_TABLE); i++) {
      const o = phoff + i * phentsize;
      if (o + phentsize > buf.length) break;
      segments.push(
        is64
          ? { type: u32(o), offset: word(o + 8), vaddr: word(o + 16), filesz: word(o + 32) }
          : { type: u32(o), offset: u32(o + 4), vaddr: u32(o + 8), filesz: u32(o + 16) },
      );
    }
    const raw: { nameOff: number; type: number; addr: number; offset: number; size: number }[] = [];
    for (let i = 0; shoff > 0 && i < Math.min(shnum, MAX_TABLE); i++) {
      const o = shoff + i * shentsize;
      if (o + shentsize > buf.length) break;
      raw.push(
        is64
          ? {
              nameOff: u32(o),
              type: u32(o + 4),
              addr: word(o + 16),
              offset: word(o + 24),
              size: word(o + 32),
            }
          : { nameOff: u32(o), type: u32(o + 4), addr: u32(o + 12), offset: u32(o + 16), size: u32(o + 20) },
      );
    }
    const strtab = raw[shstrndx];
    const sections = raw.map((s) => {
      let name = '';
      if (strtab && strtab.offset + s.nameOff < buf.length) {
        const start = strtab.offset + s.nameOff;
        const end = buf.indexOf(0, start);
        name = buf.toString('latin1', start, end < 0 ? Math.min(buf.length, start + 256) : end);
      }
      return { name, type: s.type, addr: s.addr, offset: s.offset, size: s.size };
    });
    return { buf, is64, le, sections, segments };
  } catch {
    return undefined;
  }
}

/** A section's bytes (undefined when absent, NOBITS or out of bounds). */
export function sectionData(elf: Elf, name: string): Buffer | undefined {
  const s = elf.sections.find((x) => x.name === name);
  if (!s || s.type === 8 /* SHT_NOBITS */ || s.offset + s.size > elf.buf.length) return undefined;
  return elf.buf.subarray(s.offset, s.offset + s.size);
}

/** Bytes at a virtual address, through the PT_LOAD segment that maps it. */
export function readVaddr(elf: Elf, vaddr: number, len: number): Buffer | undefined {
  for (const s of elf.segments) {
    if (s.type !== 1 || vaddr < s.vaddr || vaddr + len > s.vaddr + s.filesz) continue;
    const off = s.offset + (vaddr - s.vaddr);
    return off + len <= elf.buf.length ? elf.buf.subarray(off, off + len) : undefined;
  }
  return undefined;
}
