// Alpine's secdb (secdb.alpinelinux.org/<branch>/<repo>.json, and the YAML of old branches):
// {distroversion: "v3.18", packages: [{pkg: {name, secfixes: {"<fixed apk version>": [ids]}}}]}.
// `name` is the origin (source) package. The "0" key lists ids that never affected the package.
import type { Advisory } from '../model.js';
import { apk } from '../versions/apk.js';
import {
  isRecord,
  parseJson,
  parseYaml,
  str,
  strings,
  type ImportContext,
  type Importer,
} from './importer.js';

const ID = /\b(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|XSA-\d+|ZBX-\d+)\b/gi;

export const alpineSecdb: Importer = {
  format: 'alpine-secdb',
  attribution: {
    license: 'Alpine Linux secdb (no licence file upstream; facts only)',
    text: 'Alpine Linux security database, secdb.alpinelinux.org.',
  },
  accepts(path, head) {
    return /\.(json|ya?ml)$/i.test(path) && /distroversion/.test(head) && /packages/.test(head);
  },
  parse(path, data, ctx) {
    const doc = /\.ya?ml$/i.test(path) ? parseYaml(path, data, ctx) : parseJson(path, data, ctx);
    if (!isRecord(doc)) return void (doc !== undefined && ctx.skip(path, 'not a secdb object'));
    const branch = str(doc.distroversion)?.replace(/^v/, '');
    if (!branch) return void ctx.skip(path, 'no distroversion');
    importPackages(path, branch, doc.packages, ctx);
  },
};

function importPackages(path: string, branch: string, packages: unknown, ctx: ImportContext): void {
  const byId = new Map<string, Advisory>();
  for (const p of Array.isArray(packages) ? packages : []) {
    const pkg = isRecord(p) && isRecord(p.pkg) ? p.pkg : undefined;
    const name = str(pkg?.name);
    if (!pkg || !name) {
      ctx.skip(path, 'package entry without pkg.name');
      continue;
    }
    if (!isRecord(pkg.secfixes)) continue;
    for (const [fixed, ids] of Object.entries(pkg.secfixes)) {
      const notAffected = fixed === '0';
      if (!notAffected && !apk.valid(fixed)) {
        ctx.skip(`${path} ${name}`, `secfixes version ${JSON.stringify(fixed)} is not a valid apk version`);
        continue;
      }
      for (const raw of strings(ids)) {
        const found = raw.match(ID);
        if (!found) {
          ctx.skip(`${path} ${name} ${fixed}`, `no vulnerability id in ${JSON.stringify(raw)}`);
          continue;
        }
        for (const id of found.map((x) => x.toUpperCase())) {
          let adv = byId.get(id);
          if (!adv) byId.set(id, (adv = { id, source: ctx.source, aliases: [], affected: [], distro: [] }));
          adv.distro!.push({
            distro: 'alpine',
            release: branch,
            package: name.toLowerCase(),
            status: notAffected ? 'not_affected' : 'fixed',
            ...(notAffected ? {} : { fixedVersion: fixed }),
          });
        }
      }
    }
  }
  for (const a of byId.values()) ctx.advisory(a);
}
