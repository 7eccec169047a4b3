// The CI gate: `--fail-on POLICY` decides whether the findings fail the build. A small grammar, so a
// policy reads like what it means:
//
//   policy := term ("," term)*        any term that matches a finding fails the gate
//   term   := cond ("-" cond)*        every condition must hold for that finding
//   cond   := critical | high | medium | low | unknown     severity at or above (unknown: any)
//           | fixable                 a vulnerability with a fixed version to move to
//           | kev                     a vulnerability in CISA's Known Exploited Vulnerabilities
//           | vuln | vulnerability | secret | misconfig | malware | license   the finding's kind
//           | any                     every finding
//
//   --fail-on critical               any critical finding
//   --fail-on kev,fixable-high       a known-exploited vulnerability, or a fixable one at high or above
//   --fail-on secret,malware,vuln-critical
import { PalisadeError } from '../core/errors.js';
import { SEVERITIES, isFixable, severityRank, type Finding, type Severity } from '../core/types.js';

type Cond = (f: Finding) => boolean;

export interface GatePolicy {
  text: string;
  terms: { text: string; conds: Cond[] }[];
}

const KIND_WORDS: Record<string, Finding['kind']> = {
  vuln: 'vulnerability',
  vulnerability: 'vulnerability',
  vulnerabilities: 'vulnerability',
  secret: 'secret',
  secrets: 'secret',
  misconfig: 'misconfig',
  misconfigs: 'misconfig',
  malware: 'malware',
  license: 'license',
  licenses: 'license',
};

const WORDS = [...SEVERITIES, 'fixable', 'kev', 'any', ...Object.keys(KIND_WORDS)];

function cond(word: string, spec: string): Cond {
  if ((SEVERITIES as readonly string[]).includes(word)) {
    const min = severityRank(word as Severity);
    return (f) => severityRank(f.severity) >= min;
  }
  if (word === 'fixable') return isFixable;
  if (word === 'kev') return (f) => f.kind === 'vulnerability' && f.kev === true;
  if (word === 'any') return () => true;
  const kind = KIND_WORDS[word];
  if (kind) return (f) => f.kind === kind;
  throw new PalisadeError(
    'USAGE',
    `--fail-on ${JSON.stringify(spec)}: unknown word ${JSON.stringify(word)}; use ${WORDS.join(', ')}, joined with "-" (all of) and "," (any of), e.g. kev,fixable-high`,
  );
}

export function parseFailOn(spec: string): GatePolicy {
  const terms = spec
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .map((t) => ({ text: t, conds: t.split('-').map((w) => cond(w.trim(), spec)) }));
  if (!terms.length) throw new PalisadeError('USAGE', `--fail-on: empty policy (e.g. --fail-on critical)`);
  return { text: spec, terms };
}

/** The findings that fail the gate, each with the first term it matched. */
export function gateFailures(
  policy: GatePolicy,
  findings: readonly Finding[],
): { finding: Finding; term: string }[] {
  const out: { finding: Finding; term: string }[] = [];
  for (const f of findings) {
    const t = policy.terms.find((term) => term.conds.every((c) => c(f)));
    if (t) out.push({ finding: f, term: t.text });
  }
  return out;
}
