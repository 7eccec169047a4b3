// liquid-fast must not change what a template renders: every template here is rendered by plain
// liquidjs and by the accelerated engine, and the outputs (or the error messages) must be equal.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Drop } from 'liquidjs';
import { syntheticReport } from '../testing/sample-report.js';
import { accelerate } from './liquid-fast.js';
import { engine, templateContext } from './template.js';

class Money extends Drop {
  constructor(private cents: number) {
    super();
  }
  override valueOf() {
    return this.cents / 100;
  }
  currency() {
    return 'EUR';
  }
  override liquidMethodMissing(key: string) {
    return key === 'magic' ? 42 : undefined;
  }
}

const data = {
  ...templateContext(syntheticReport(60, 3)),
  str: 'Hello, "World" <b>&',
  empty_str: '',
  zero: 0,
  no: false,
  nil: null,
  nums: [3, 1, 2],
  words: ['b', 'a', 'c'],
  nested: { a: { b: { c: 'deep' } }, list: [{ n: 1 }, { n: 2 }], key: 'a' },
  objs: [
    { name: 'x', v: 2, tags: ['t1'] },
    { name: 'y', v: 1 },
    { name: 'z', v: 3, tags: [] },
  ],
  money: new Money(1234),
  date: '2024-06-01T12:00:00Z',
  fn: () => 'called',
  explode: () => {
    throw new Error('kaboom');
  },
  arr2: [
    [1, 2],
    [3, 4],
  ],
};

const corpus = [
  'plain text only',
  '{{ str }}|{{ str | upcase }}|{{ str | escape }}|{{ str | size }}|{{ str | truncate: 5 }}|{{ str | truncate: 8, "…" }}',
  '{{ missing }}|{{ missing.deeper }}|{{ nil }}|{{ no }}|{{ zero }}|{{ empty_str | default: "d" }}|{{ missing | default: "d" }}',
  '{{ nums }}|{{ nums | join: "," }}|{{ nums | sort | join: "-" }}|{{ nums.size }}|{{ nums.first }}|{{ nums.last }}|{{ nums[1] }}|{{ nums[-1] }}',
  '{{ words | sort | join }}|{{ words | reverse | join: "" }}|{{ words | concat: nums | join: "," }}',
  '{{ nested.a.b.c }}|{{ nested["a"]["b"].c }}|{{ nested[nested.key].b.c }}|{{ nested.list[1].n }}|{{ nested.list.size }}',
  '{{ objs | map: "name" | join: "," }}|{{ objs | where: "v", 2 | map: "name" | join }}|{{ objs | sort: "v" | map: "name" | join }}',
  '{{ objs | map: "tags" | size }}|{{ objs.first.tags.first }}|{{ objs.last.tags.size }}',
  '{{ money }}|{{ money.currency }}|{{ money.magic }}|{{ money | plus: 1 }}|{{ money.nothing }}',
  '{{ date | date: "%Y-%m-%d" }}|{{ 5 | plus: 3 | times: 2 }}|{{ 10 | divided_by: 4 }}|{{ "a b c" | split: " " | last }}',
  '{{ fn }}|{{ findings.constructor }}|{{ report.__proto__ }}|{{ artifact.toString }}|{{ str.length }}',
  '{{ true }}{{ false }}{{ empty }}{{ blank }}{{ 1.5 }}{{ "q" }}{{ \'s\' }}',
  '{{ arr2 }}|{{ arr2[1][0] }}|{{ arr2 | first | last }}',
  '{% for f in findings limit: 5 %}{{ forloop.index }}/{{ forloop.length }} {{ f.id | csv }} {{ f | fixed }} {{ f.location | location }} {{ f | help_uri }}\n{% endfor %}',
  '{% for f in findings reversed offset: 2 limit: 3 %}{{ f.kind }}{% if forloop.first %}F{% endif %}{% unless forloop.last %},{% endunless %}{% endfor %}',
  '{% for x in nums %}{{ x }}{% if x == 1 %}{% break %}{% endif %}{% endfor %}|{% for x in nums %}{% if x == 1 %}{% continue %}{% endif %}{{ x }}{% endfor %}',
  '{% for x in nothing %}{{ x }}{% else %}none {{ str }}{% endfor %}',
  '{% for row in arr2 %}{% for c in row %}{{ c }}{{ forloop.parentloop.index }}{% endfor %};{% endfor %}',
  '{% assign n = nums | size %}{{ n }}{% capture c %}{{ str }}-{{ n }}{% endcapture %}[{{ c }}]',
  '{% case zero %}{% when 0 %}{{ "zero" }}{% else %}{{ "other" }}{% endcase %}{% if str contains "World" and nums %}{{ str | downcase }}{% elsif zero %}z{% else %}e{% endif %}',
  '{% liquid\n for x in words\n echo x | upcase\n endfor %}|{% raw %}{{ not rendered }}{% endraw %}|{% comment %}x{% endcomment %}{% # inline %}',
  '{% increment i %}{% increment i %}{{ i }}{% decrement j %}{{ j }}{% cycle "a", "b" %}{% cycle "a", "b" %}',
  '{% tablerow x in nums cols: 2 %}{{ x }}{% endtablerow %}',
  '{%- for f in vulnerabilities limit: 3 -%}\n  {{- f.pkg.name }}@{{ f.pkg.version -}}\n{%- endfor %}',
  '{% for v in (1..3) %}{{ v }}{% endfor %}{{ (1..3) | join: "," }}',
  '{{ summary.total }} {{ summary.critical }} {{ findings.size }} {{ suppressed.size }} {{ packages | size }}',
  '{{ str | xml }}{{ objs | csv }}{{ nums | csv }}{{ missing | csv }}',
  '{{ nums | where_exp: "n", "n > 1" | join: "," }}|{{ objs | find: "name", "y" | map: "v" }}',
];

const errors = [
  '{{ str | truncate: "x" | plus: missing.a }}',
  '{{ nums | join: 1 | nosuchfilter }}',
  '{{ date | date: 5 }}{{ nested.a.b.c.d.e }}',
  '{{ money | divided_by: 0 }}',
  'a{{ explode }}b',
  '{% for x in nums %}{{ x }}{{ explode | upcase }}{% endfor %}',
  '{% for x in nums %}{{ nums | map: "explode" }}{% endfor %}',
];

function renderBoth(src: string) {
  const plain = engine();
  const fast = engine();
  const run = (l: ReturnType<typeof engine>, speed: boolean) => {
    try {
      const tpl = l.parse(src);
      if (speed) accelerate(l, tpl);
      return { out: l.renderSync(tpl, { ...data }) as string };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  return { plain: run(plain, false), fast: run(fast, true) };
}

test('accelerated templates render exactly what liquidjs renders', () => {
  for (const src of corpus) {
    const { plain, fast } = renderBoth(src);
    assert.deepEqual(fast, plain, src);
  }
});

test('and fail with the same errors', () => {
  let failed = 0;
  for (const src of errors) {
    const { plain, fast } = renderBoth(src);
    assert.deepEqual(fast, plain, src);
    if ('error' in plain) failed++;
  }
  assert.ok(failed >= 2, 'the error corpus has templates that fail');
});

test('the shipped templates render the same on a real-size report, and are accelerated', () => {
  const dir = fileURLToPath(new URL('../../docs/templates/', import.meta.url));
  for (const f of readdirSync(dir)) {
    const src = readFileSync(dir + f, 'utf8');
    const { plain, fast } = renderBoth(src);
    assert.ok(plain.out && plain.out.length > 0, f);
    assert.equal(fast.out, plain.out, f);
    const l = engine();
    assert.ok(accelerate(l, l.parse(src)) > 0, `${f}: no node accelerated`);
  }
});

test('the render limit still stops a runaway loop of accelerated nodes', () => {
  const l = engine();
  const src = '{% for a in (1..100000000) %}x{{ a }}{% endfor %}';
  const tpl = l.parse(src);
  accelerate(l, tpl);
  assert.throws(() => l.renderSync(tpl, {}, { renderLimit: 50 }), /limit/i);
});
