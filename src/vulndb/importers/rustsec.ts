// RustSec advisories (github.com/rustsec/advisory-db, crates/<crate>/RUSTSEC-*.md): a ```toml block with
// [advisory] (id, package, aliases, cvss, date, withdrawn, informational, references) and [versions]
// (patched, unaffected: Cargo requirements), followed by the Markdown title and text. Informational
// advisories (unmaintained, unsound, notice) are not vulnerabilities and are left out, as cargo-audit
// reports them apart from vulnerabilities.
import { parse as parseToml } from 'smol-toml';
import type { Advisory } from '../model.js';
import { cargo } from '../versions/cargo.js';
import { isRecord, str, strings, uniq, type Importer } from './importer.js';

export const rustsec: Importer = {
  format: 'rustsec',
  attribution: { license: 'CC0-1.0', text: 'RustSec Advisory Database, rustsec.org.' },
  accepts(path, head) {
    return /RUSTSEC-\d{4}-\d+\.md$/i.test(path) && head.includes('[advisory]');
  },
  parse(path, data, ctx) {
    const text = data.toString('utf8');
    const m = /^\s*```toml\s*\n([\s\S]*?)\n```\s*\n?([\s\S]*)$/.exec(text);
    if (!m) return void ctx.skip(path, 'no ```toml front matter');
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(m[1]!) as Record<string, unknown>;
    } catch (e) {
      return void ctx.skip(path, `bad TOML (${(e as Error).message.split('\n')[0]})`);
    }
    const a = isRecord(doc.advisory) ? doc.advisory : undefined;
    const id = str(a?.id);
    const pkg = str(a?.package);
    if (!a || !id || !pkg) return void ctx.skip(path, '[advisory] without id or package');
    if (str(a.informational)) return; // not a vulnerability: neither imported nor a malformed record
    const versions = isRecord(doc.versions) ? doc.versions : {};
    const patched = strings(versions.patched);
    const unaffected = strings(versions.unaffected);
    for (const r of [...patched, ...unaffected]) {
      try {
        cargo.satisfies!('0.0.0', r);
      } catch {
        return void ctx.skip(path, `requirement ${JSON.stringify(r)} is not a valid Cargo requirement`);
      }
    }
    const date = str(a.date);
    ctx.date(date);
    const body = m[2] ?? '';
    const title = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
    const adv: Advisory = {
      id,
      source: ctx.source,
      aliases: uniq(strings(a.aliases)),
      affected: [{ ecosystem: 'cargo', name: pkg, requirements: { patched, unaffected } }],
      references: uniq([...(str(a.url) ? [str(a.url)!] : []), ...strings(a.references)]),
    };
    if (date) adv.published = date;
    const withdrawn = str(a.withdrawn);
    if (withdrawn) adv.withdrawn = withdrawn;
    if (title) adv.summary = title;
    const details = body.replace(/^#\s+.+$/m, '').trim();
    if (details) adv.details = details;
    const cvss = str(a.cvss);
    if (cvss) adv.cvss = [{ vector: cvss, source: 'rustsec' }];
    ctx.advisory(adv);
  },
};
