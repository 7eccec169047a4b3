// OS detection: os-release (freedesktop spec) first, then the distribution's own release files for
// detail os-release lacks (Debian's point release, old RHEL/CentOS without os-release).
import type { AnalysisResult, Analyzer, FileResult } from '../analyzer.js';
import { DEBIAN_CODENAMES } from '../../core/distro.js';
import type { OSInfo } from '../../core/types.js';
import { osEndOfLife } from './eol.js';

const FILES = new Set([
  'etc/os-release',
  'usr/lib/os-release',
  'etc/debian_version',
  'etc/alpine-release',
  'etc/redhat-release',
  'etc/centos-release',
  'etc/fedora-release',
  'etc/rocky-release',
  'etc/almalinux-release',
  'etc/oracle-release',
  'etc/system-release',
  'etc/lsb-release',
]);

/** KEY=value lines with optional shell quoting (os-release(5)). */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let v = line.slice(eq + 1).trim();
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out[line.slice(0, eq)] = v.replace(/\\(["'$`\\])/g, '$1');
  }
  return out;
}

interface OsData {
  file: string;
  text: string;
}

/** "CentOS Linux release 7.9.2009 (Core)" → centos 7.9.2009 */
function fromRedhatRelease(text: string): OSInfo | undefined {
  const m = /^(.*?)\s+release\s+([\d.]+)/i.exec(text.trim());
  if (!m) return undefined;
  const name = m[1]!.toLowerCase();
  const family = name.includes('centos')
    ? 'centos'
    : name.includes('rocky')
      ? 'rocky'
      : name.includes('alma')
        ? 'almalinux'
        : name.includes('oracle')
          ? 'ol'
          : name.includes('fedora')
            ? 'fedora'
            : name.includes('amazon')
              ? 'amzn'
              : 'rhel';
  return { family, version: m[2]!, prettyName: text.trim() };
}

export function detectOs(files: Map<string, string>): OSInfo | undefined {
  const osr = files.get('etc/os-release') ?? files.get('usr/lib/os-release');
  let os: OSInfo | undefined;
  if (osr) {
    const f = parseOsRelease(osr);
    const id = (f.ID ?? '').toLowerCase();
    if (id) {
      os = { family: id, version: f.VERSION_ID ?? '' };
      if (f.VERSION_CODENAME) os.codename = f.VERSION_CODENAME;
      if (f.PRETTY_NAME) os.prettyName = f.PRETTY_NAME;
    }
  }
  const debianVersion = files.get('etc/debian_version')?.trim();
  if (debianVersion && (!os || os.family === 'debian')) {
    os ??= { family: 'debian', version: '' };
    // numeric point release ("12.5") is more precise than VERSION_ID ("12"); testing says "trixie/sid"
    if (/^\d+(\.\d+)*$/.test(debianVersion)) os.version = debianVersion;
    else if (!os.version) os.codename ??= debianVersion.split('/')[0];
  }
  if (os?.family === 'debian' && !os.codename) {
    const major = os.version.split('.')[0] ?? '';
    if (DEBIAN_CODENAMES[major]) os.codename = DEBIAN_CODENAMES[major];
  }
  const alpine = files.get('etc/alpine-release')?.trim();
  if (alpine && (!os || os.family === 'alpine')) {
    os ??= { family: 'alpine', version: alpine };
    if (/^\d+\.\d+/.test(alpine)) os.version = alpine;
  }
  if (!os) {
    for (const f of [
      'etc/centos-release',
      'etc/rocky-release',
      'etc/almalinux-release',
      'etc/oracle-release',
      'etc/fedora-release',
      'etc/redhat-release',
      'etc/system-release',
    ]) {
      const t = files.get(f);
      const r = t && fromRedhatRelease(t);
      if (r) {
        os = r;
        break;
      }
    }
  }
  if (!os) {
    const lsb = files.get('etc/lsb-release');
    if (lsb) {
      const f = parseOsRelease(lsb);
      if (f.DISTRIB_ID)
        os = {
          family: f.DISTRIB_ID.toLowerCase(),
          version: f.DISTRIB_RELEASE ?? '',
          codename: f.DISTRIB_CODENAME,
        };
    }
  }
  if (os) {
    const eol = osEndOfLife(os);
    if (eol !== undefined) os.eol = eol;
  }
  return os;
}

export const osRelease = {
  id: 'os-release',
  version: 1,
  maxSize: 64 * 1024,
  required: (path, info) => FILES.has(path) && (info.type === 'file' || info.type === 'hardlink'),
  async analyze({ path, read }) {
    return { data: { file: path, text: (await read()).toString('utf8') } satisfies OsData };
  },
  finalize(results: FileResult[]): AnalysisResult {
    const files = new Map<string, string>();
    for (const r of results) {
      const d = r.result.data as OsData | undefined;
      if (d) files.set(d.file, d.text);
    }
    const os = detectOs(files);
    return os ? { os } : {};
  },
} as const satisfies Analyzer;
