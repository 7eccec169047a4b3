// OpenVEX documents (openvex.dev spec v0.2.0) for a team's triage decisions, written by `palisade vex`:
// each statement says, for a vulnerability and the products (package purls, or an image with the
// packages as subcomponents), whether it is not_affected (with a justification or an impact
// statement), affected (with an action statement), fixed or under_investigation. Adding a statement
// bumps the document's version and last_updated, as the spec asks of a changed document.
import { randomUUID } from 'node:crypto';
import { PalisadeError } from '../core/errors.js';
import { OPENVEX_JUSTIFICATIONS, VEX_STATUSES, type VexStatus } from '../match/vex.js';

export const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';

export interface OpenVexStatementInput {
  vulnerability: string;
  aliases?: string[];
  products: string[];
  subcomponents?: string[];
  status: VexStatus;
  justification?: string;
  impact?: string;
  action?: string;
}

export interface OpenVexDocument {
  '@context': string;
  '@id': string;
  author: string;
  role?: string;
  timestamp: string;
  last_updated?: string;
  version: number;
  tooling?: string;
  statements: Record<string, unknown>[];
}

export function newOpenVex(author: string, now: Date, tooling: string): OpenVexDocument {
  return {
    '@context': OPENVEX_CONTEXT,
    '@id': `urn:uuid:${randomUUID()}`,
    author,
    timestamp: now.toISOString(),
    version: 1,
    tooling,
    statements: [],
  };
}

/** Checks a statement against the spec's rules; throws a usage error naming what is missing. */
export function validateStatement(s: OpenVexStatementInput): void {
  if (!s.vulnerability) throw new PalisadeError('USAGE', 'a VEX statement needs a vulnerability (--vuln)');
  if (!VEX_STATUSES.includes(s.status))
    throw new PalisadeError('USAGE', `--status ${s.status}: choose one of ${VEX_STATUSES.join(', ')}`);
  if (!s.products.length)
    throw new PalisadeError('USAGE', 'a VEX statement needs at least one product (--product PURL)');
  for (const p of [...s.products, ...(s.subcomponents ?? [])])
    if (!/^pkg:[a-z0-9.+-]+\/./i.test(p))
      throw new PalisadeError('USAGE', `${p}: not a package URL (pkg:type/name@version)`);
  if (s.justification && !(OPENVEX_JUSTIFICATIONS as readonly string[]).includes(s.justification))
    throw new PalisadeError(
      'USAGE',
      `--justification ${s.justification}: choose one of ${OPENVEX_JUSTIFICATIONS.join(', ')}`,
    );
  if (s.status === 'not_affected' && !s.justification && !s.impact)
    throw new PalisadeError('USAGE', 'not_affected needs --justification or --impact (OpenVEX requires one)');
  if (s.status !== 'not_affected' && s.justification)
    throw new PalisadeError('USAGE', '--justification applies to not_affected only');
  if (s.status === 'affected' && !s.action)
    throw new PalisadeError('USAGE', 'affected needs --action (what users should do; OpenVEX requires it)');
}

export function addStatement(doc: OpenVexDocument, s: OpenVexStatementInput, now: Date): OpenVexDocument {
  validateStatement(s);
  const subs = (s.subcomponents ?? []).map((id) => ({ '@id': id }));
  doc.statements.push({
    vulnerability: { name: s.vulnerability, ...(s.aliases?.length ? { aliases: s.aliases } : {}) },
    timestamp: now.toISOString(),
    products: s.products.map((id) => ({ '@id': id, ...(subs.length ? { subcomponents: subs } : {}) })),
    status: s.status,
    ...(s.justification ? { justification: s.justification } : {}),
    ...(s.impact ? { impact_statement: s.impact } : {}),
    ...(s.action ? { action_statement: s.action, action_statement_timestamp: now.toISOString() } : {}),
  });
  if (doc.statements.length > 1 || doc.last_updated) {
    doc.version += 1;
    doc.last_updated = now.toISOString();
  }
  return doc;
}

export function serializeOpenVex(doc: OpenVexDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
