// The Debian security tracker's JSON (security-tracker.debian.org/tracker/data/json):
// {source package: {CVE id: {description, releases: {codename: {status, fixed_version, urgency,
// repositories, nodsa_reason}}}}}. Also reads the changelog-derived bookworm file, which has the same
// shape with resolved entries only. Keyed by SOURCE package, as Debian publishes it.
import type { Severity } from '../../core/types.js';
import type { Advisory, DistroEntry } from '../model.js';
import { toSeverity } from '../model.js';
import { dpkg } from '../versions/dpkg.js';
import { isRecord, parseJson, str, type Importer } from './importer.js';

export const debianTracker: Importer = {
  format: 'debian-tracker',
  attribution: {
    license: 'Debian security tracker data (public, see security-tracker.debian.org)',
    text: 'Debian security tracker; bookworm fixes derived from Debian package changelogs and apt indices.',
  },
  accepts(path, head) {
    return /\.json$/i.test(path) && /^\s*\{\s*"[^"]+"\s*:\s*\{\s*"(CVE-|TEMP-|DSA-|DLA-)/.test(head);
  },
  parse(path, data, ctx) {
    const doc = parseJson(path, data, ctx);
    if (!isRecord(doc)) return void (doc !== undefined && ctx.skip(path, 'not a JSON object'));
    for (const [srcpkg, cves] of Object.entries(doc)) {
      if (!isRecord(cves)) {
        ctx.skip(`${path} ${srcpkg}`, 'not an object of CVEs');
        continue;
      }
      for (const [id, rec] of Object.entries(cves)) {
        const where = `${path} ${srcpkg} ${id}`;
        if (!isRecord(rec) || !isRecord(rec.releases)) {
          ctx.skip(where, 'no releases');
          continue;
        }
        const distro: DistroEntry[] = [];
        for (const [release, r] of Object.entries(rec.releases)) {
          const e = releaseEntry(srcpkg, release, r);
          if (typeof e === 'string') ctx.skip(`${where} ${release}`, e);
          else distro.push(e);
        }
        const adv: Advisory = { id, source: ctx.source, aliases: [], affected: [], distro };
        const desc = str(rec.description);
        if (desc) adv.summary = desc;
        ctx.advisory(adv);
      }
    }
  },
};

/** Debian urgency → severity; "**" marks an urgency guessed from NVD, still Debian's call. */
export function debianUrgency(u: string | undefined): Severity | undefined {
  const s = u?.replace(/\*+$/, '').trim();
  if (!s || s === 'not yet assigned' || s === 'end-of-life') return undefined;
  return toSeverity(s);
}

function releaseEntry(pkg: string, release: string, r: unknown): DistroEntry | string {
  if (!isRecord(r)) return 'release entry is not an object';
  const status = str(r.status);
  const fixed = str(r.fixed_version);
  const urgency = str(r.urgency);
  const severity = debianUrgency(urgency);
  const base = { distro: 'debian', release, package: pkg.toLowerCase(), ...(severity ? { severity } : {}) };
  switch (status) {
    case 'resolved':
      if (!fixed) return 'resolved without fixed_version';
      if (fixed === '0') return { ...base, status: 'not_affected' };
      if (!dpkg.valid(fixed)) return `fixed_version ${JSON.stringify(fixed)} is not a valid dpkg version`;
      return { ...base, status: 'fixed', fixedVersion: fixed };
    case 'open':
    case 'undetermined':
      if (str(r.nodsa_reason) === 'ignored' || urgency === 'end-of-life')
        return { ...base, status: 'will_not_fix' };
      return { ...base, status: 'affected' };
    default:
      return `unknown status ${JSON.stringify(status)}`;
  }
}
