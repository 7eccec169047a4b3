import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Report } from '../core/types.js';
import { syntheticReport } from '../testing/sample-report.js';
import { renderTemplate } from './template.js';

const report: Report = syntheticReport(40);

test('templates see the report, summaries and helper filters', () => {
  const out = renderTemplate(
    '{{ artifact.name }}|{{ summary.total }}|{{ summary.suppressed }}|{% for v in vulnerabilities limit: 1 %}{{ v.id }} {{ v | fixed }} {{ v.title | csv }}{% endfor %}|{{ "a,b" | csv }}|{{ "=1+1" | csv }}|{{ "<x>" | xml }}',
    report,
  );
  const first = report.findings.find((f) => f.kind === 'vulnerability')!;
  const [name, total, sup, vline, csv, formula, xml] = out.split('|');
  assert.equal(name, report.artifact.name);
  assert.equal(Number(total), report.findings.length);
  assert.equal(Number(sup), report.suppressed!.length);
  assert.ok(vline!.startsWith(first.id));
  assert.equal(csv, '"a,b"');
  assert.equal(formula, `"'=1+1"`, 'spreadsheet formulas are defused');
  assert.equal(xml, '&lt;x&gt;');
});

test('templates cannot reach code, prototypes or files', () => {
  assert.equal(
    renderTemplate('{{ findings.constructor }}{{ report.__proto__ }}{{ artifact.toString }}', report),
    '',
  );
  assert.equal(renderTemplate('{{ findings.constructor.constructor }}', report), '');
  assert.throws(
    () => renderTemplate("{% include '/etc/passwd' %}", report, 'evil.liquid'),
    /--template evil\.liquid: .*/,
  );
  assert.throws(
    () => renderTemplate("{% render '../../package.json' %}", report, 'evil.liquid'),
    /--template evil\.liquid/,
  );
  assert.throws(
    () => renderTemplate('{{ x | no_such_filter }}', report, 't'),
    /--template t: .*no_such_filter/,
  );
  assert.throws(() => renderTemplate('{% for %}', report, 't'), /--template t:/);
});

test('a runaway template is stopped by the memory or time limit, not left to hang', () => {
  const bomb =
    '{% assign s = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" %}{% for a in (1..100000) %}{% for b in (1..100000) %}{% assign s = s | append: s %}{% endfor %}{% endfor %}{{ s.size }}';
  assert.throws(() => renderTemplate(bomb, report, 'bomb'), /--template bomb: .*(limit|exceeded)/i);
});
