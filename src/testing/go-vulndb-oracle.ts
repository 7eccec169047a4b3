// An oracle independent of the matcher for Go vulndb tests: the ids of the Go vulnerability database's
// OSV records (read straight from its archive) whose ranges include `version` of `module`
// (introduced ≤ v < fixed, or introduced with no fix), withdrawn records left out.
import { walkSource } from '../vulndb/files.js';
import { go } from '../vulndb/versions/go.js';

export async function goVulndbIdsAffecting(
  archive: string,
  module: string,
  version: string,
): Promise<Set<string>> {
  const want = new Set<string>();
  const from = (lo: string) => lo === '0' || go.compare(version, lo) >= 0;
  for await (const f of walkSource(archive)) {
    if (!f.path.endsWith('.json')) continue;
    const o = JSON.parse((await f.read()).toString()) as {
      id: string;
      withdrawn?: string;
      affected?: { package?: { name?: string }; ranges?: { events: Record<string, string>[] }[] }[];
    };
    if (o.withdrawn) continue;
    for (const a of o.affected ?? []) {
      if (a.package?.name !== module) continue;
      for (const r of a.ranges ?? []) {
        let lo: string | undefined;
        for (const e of r.events) {
          if (e.introduced !== undefined) lo = e.introduced;
          if (e.fixed !== undefined && lo !== undefined) {
            if (from(lo) && go.compare(version, e.fixed) < 0) want.add(o.id);
            lo = undefined;
          }
        }
        if (lo !== undefined && from(lo)) want.add(o.id);
      }
    }
  }
  return want;
}
