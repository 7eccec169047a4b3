// `--scanners license`: packages whose license matches a deny list become LicenseFindings. The deny list
// holds SPDX ids or globs ("GPL-3.0-*", "AGPL-*", "LicenseRef-*"). SPDX semantics decide: for
// "A OR B" the user may pick either, so it is denied only when every choice is; for "A AND B" one
// denied part is enough. OS-owned language packages are judged through their OS package.
import spdxParse from 'spdx-expression-parse';
import { SEVERITIES, type LicenseFinding, type Package, type Severity } from '../../core/types.js';
import { errorMessage, PalisadeError } from '../../core/errors.js';

/** Network-copyleft and non-commercial licenses, which most companies forbid outright. */
export const DEFAULT_LICENSE_DENY: readonly string[] = [
  'AGPL-*',
  'SSPL-*',
  'CC-BY-NC-*',
  'Commons-Clause',
  'BUSL-*',
];

export interface LicenseScanOptions {
  deny?: readonly string[];
  severity?: Severity;
}

type Node = {
  license?: string;
  plus?: boolean;
  exception?: string;
  conjunction?: 'and' | 'or';
  left?: Node;
  right?: Node;
};

function globToRe(glob: string): RegExp {
  if (!/^[A-Za-z0-9.+*-]+$/.test(glob))
    throw new PalisadeError('USAGE', `license deny entry "${glob}" is not an SPDX id or glob`);
  return new RegExp(`^${glob.replace(/[.+]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
}

/** The denied ids that make this expression unavoidable, or [] when it can be used. */
function deniedBy(node: Node, deny: RegExp[]): string[] {
  if (node.license) {
    const id = node.plus ? `${node.license}+` : node.license;
    return deny.some((re) => re.test(node.license!) || re.test(id)) ? [node.license] : [];
  }
  const l = deniedBy(node.left!, deny);
  const r = deniedBy(node.right!, deny);
  if (node.conjunction === 'or') return l.length && r.length ? [...l, ...r] : [];
  return [...l, ...r];
}

/** Checks every entry now, so a typo is a usage error before the scan starts. */
export function checkDenyList(deny: readonly string[]): void {
  for (const g of deny) globToRe(g);
}

/**
 * A license policy file (YAML or JSON): `deny: [ids or globs]` and optionally `severity: high`.
 * `source` names the file in errors. The YAML parser is imported here, on use, so that scans without a
 * policy file do not load it.
 */
export async function parseLicensePolicy(text: string, source: string): Promise<LicenseScanOptions> {
  const { parse: parseYaml } = await import('yaml');
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new PalisadeError('USAGE', `${source}: not valid YAML/JSON: ${errorMessage(e)}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new PalisadeError('USAGE', `${source}: expected a mapping with a "deny" list`);
  const out: LicenseScanOptions = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'deny') {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
        throw new PalisadeError('USAGE', `${source}: "deny" must be a list of SPDX ids or globs`);
      checkDenyList(v as string[]);
      out.deny = v as string[];
    } else if (k === 'severity') {
      const sev = String(v).toLowerCase();
      if (!(SEVERITIES as readonly string[]).includes(sev))
        throw new PalisadeError(
          'USAGE',
          `${source}: severity "${String(v)}"; choose from ${SEVERITIES.join(', ')}`,
        );
      out.severity = sev as Severity;
    } else throw new PalisadeError('USAGE', `${source}: unknown key "${k}" (expected deny, severity)`);
  }
  if (!out.deny) throw new PalisadeError('USAGE', `${source}: no "deny" list`);
  return out;
}

export function licenseFindings(packages: Package[], opts: LicenseScanOptions = {}): LicenseFinding[] {
  const deny = (opts.deny ?? DEFAULT_LICENSE_DENY).map(globToRe);
  const out: LicenseFinding[] = [];
  for (const p of packages) {
    if (p.ownedBy) continue;
    for (const expr of p.licenses ?? []) {
      let ast: Node;
      try {
        ast = spdxParse(expr) as Node;
      } catch {
        ast = { license: expr };
      }
      const hit = deniedBy(ast, deny);
      if (!hit.length) continue;
      const loc = p.locations[0];
      out.push({
        kind: 'license',
        id: `license:${hit[0]}`,
        title: `${p.name}@${p.version} is licensed under ${expr}, which the license policy denies`,
        severity: opts.severity ?? 'high',
        severitySource: 'policy',
        license: expr,
        pkg: { name: p.name, version: p.version, purl: p.purl },
        ...(loc ? { location: loc } : {}),
      });
    }
  }
  return out;
}
