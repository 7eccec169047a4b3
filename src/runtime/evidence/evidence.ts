// The evidence record stored with an alert of priority Warning or above: process ancestry and command
// lines, container and image metadata, hashes of the files involved, and the container's recent events.
import { sha256File } from '../drift.js';
import type { AncestorInfo, ContainerInfo, RuntimeEvent } from '../event.js';
import { PROC } from '../sensors/procfs.js';
import type { EventSummary } from './recent.js';

export interface Evidence {
  process?: {
    pid: number;
    name?: string;
    exepath?: string;
    cmdline?: string;
    cwd?: string;
    uid?: number;
    capEff?: string;
    startTs?: number;
  };
  ancestry: (AncestorInfo & { cmdline?: string })[];
  container: ContainerInfo | null;
  image?: { ref?: string; id?: string; digest?: string };
  files: { path: string; role: 'executable' | 'target'; sha256?: string; note?: string }[];
  recentEvents: EventSummary[];
  sensor?: string;
}

/** Path of a container file as seen from the host, through the container's init process root. */
function hostPathOf(e: RuntimeEvent, path: string): string {
  const pid = e.container?.pid;
  return pid ? `${PROC}/${pid}/root${path}` : path;
}

export async function buildEvidence(e: RuntimeEvent, recent: EventSummary[]): Promise<Evidence> {
  const p = e.proc;
  const files: Evidence['files'] = [];
  if (p?.exepath) {
    let sha = p.exeSha256;
    if (!sha)
      sha = (await sha256File(`${PROC}/${p.pid}/exe`)) ?? (await sha256File(hostPathOf(e, p.exepath)));
    files.push({
      path: p.exepath,
      role: 'executable',
      ...(sha ? { sha256: sha } : { note: 'not readable (process gone)' }),
    });
  }
  const target = e.fd?.type === 'file' ? e.fd.name : undefined;
  if (target && target !== p?.exepath) {
    const sha = await sha256File(hostPathOf(e, target), 64 << 20);
    files.push({ path: target, role: 'target', ...(sha ? { sha256: sha } : {}) });
  }
  const c = e.container ?? null;
  return {
    ...(p
      ? {
          process: {
            pid: p.pid,
            ...(p.name !== undefined ? { name: p.name } : {}),
            ...(p.exepath !== undefined ? { exepath: p.exepath } : {}),
            ...(p.args ? { cmdline: p.args.join(' ') } : {}),
            ...(p.cwd ? { cwd: p.cwd } : {}),
            ...(p.uid !== undefined ? { uid: p.uid } : {}),
            ...(p.capEff ? { capEff: p.capEff } : {}),
            ...(p.startTs ? { startTs: p.startTs } : {}),
          },
        }
      : {}),
    ancestry: (p?.ancestors ?? []).map((a) => ({ ...a, ...(a.args ? { cmdline: a.args.join(' ') } : {}) })),
    container: c,
    ...(c
      ? {
          image: {
            ...(c.image ? { ref: c.image } : {}),
            ...(c.imageId ? { id: c.imageId } : {}),
            ...(c.imageDigest ? { digest: c.imageDigest } : {}),
          },
        }
      : {}),
    files,
    recentEvents: recent,
    ...(e.sensor ? { sensor: e.sensor } : {}),
  };
}
