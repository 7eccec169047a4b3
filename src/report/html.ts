// One self-contained HTML file: styles, script, charts and data inline, and a Content-Security-Policy
// that forbids every network request, so it can be mailed, attached to a CI run or opened offline.
// Charts (findings by severity, by layer, by fix availability) are SVG drawn here; the tables are
// drawn in the page from a compact JSON array (≈ a third of the size of pre-rendered rows) and
// filtered there by severity, kind, layer, fixability and free text. Every string from the report
// reaches the page as JSON, escaped for the script element, and the DOM through textContent only.
import { SEVERITIES, type Finding, type Report, type Severity } from '../core/types.js';
import {
  KIND_TITLES,
  KINDS,
  escapeXml as x,
  fixedText,
  helpUri,
  isFixable,
  locationText,
  severityCounts,
  suppressionText,
  targetOf,
} from './common.js';
import type { ReportWriter } from './writer.js';

const COLOR: Record<Severity, string> = {
  critical: '#b3132b',
  high: '#e8590c',
  medium: '#e0a800',
  low: '#1c7ed6',
  unknown: '#868e96',
};

/** JSON that cannot end the <script> element it sits in */
function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

interface Bar {
  label: string;
  title?: string;
  /** stacked segments */
  parts: { value: number; color: string; name: string }[];
  filter?: string;
}

/** A horizontal stacked bar chart as SVG. */
function barChart(title: string, bars: Bar[], id: string): string {
  const rowH = 22;
  const labelW = 120;
  const width = 420;
  const max = Math.max(1, ...bars.map((b) => b.parts.reduce((s, p) => s + p.value, 0)));
  const h = bars.length * rowH + 8;
  const rows = bars.map((b, i) => {
    const y = i * rowH + 4;
    let xPos = labelW;
    const total = b.parts.reduce((s, p) => s + p.value, 0);
    const segs = b.parts
      .filter((p) => p.value > 0)
      .map((p) => {
        const w = Math.max(1, ((width - labelW - 50) * p.value) / max);
        const r = `<rect x="${xPos.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${p.color}"><title>${x(`${b.label}: ${p.value} ${p.name}`)}</title></rect>`;
        xPos += w;
        return r;
      })
      .join('');
    return (
      `<g class="bar"${b.filter ? ` data-filter="${x(b.filter)}" tabindex="0" role="button"` : ''}>` +
      `<title>${x(b.title ?? b.label)}</title>` +
      `<text x="${labelW - 6}" y="${y + rowH / 2}" text-anchor="end" dominant-baseline="middle">${x(b.label.length > 18 ? `${b.label.slice(0, 17)}…` : b.label)}</text>` +
      segs +
      `<text x="${(xPos + 4).toFixed(1)}" y="${y + rowH / 2}" dominant-baseline="middle" class="n">${total}</text></g>`
    );
  });
  return (
    `<figure class="chart" id="${id}"><figcaption>${x(title)}</figcaption>` +
    `<svg viewBox="0 0 ${width} ${h}" width="100%" role="img" aria-label="${x(title)}">${rows.join('')}</svg></figure>`
  );
}

function sevParts(fs: readonly Finding[]): Bar['parts'] {
  const c = severityCounts(fs);
  return SEVERITIES.map((s) => ({ value: c[s], color: COLOR[s], name: s }));
}

function charts(report: Report): string {
  const fs = report.findings;
  const c = severityCounts(fs);
  const bySeverity = barChart(
    'Findings by severity',
    SEVERITIES.map((s) => ({
      label: s,
      parts: [{ value: c[s], color: COLOR[s], name: s }],
      filter: `sev:${s}`,
    })),
    'chart-severity',
  );
  let byLayer: string;
  const layers = report.artifact.layers;
  if (layers.length) {
    const bars: Bar[] = layers.map((l) => {
      const of = fs.filter((f) => f.location?.layerIndex === l.index);
      return {
        label: `layer ${l.index}`,
        title: `layer ${l.index}${l.createdBy ? `: ${l.createdBy}` : ''} (${l.diffId.slice(0, 19)}…)`,
        parts: sevParts(of),
        filter: `layer:${l.index}`,
      };
    });
    const none = fs.filter((f) => f.location?.layerIndex === undefined);
    if (none.length)
      bars.push({
        label: 'no layer',
        title: 'image config, manifests and other findings outside the layers',
        parts: sevParts(none),
        filter: 'layer:-',
      });
    byLayer = barChart('Findings by layer', bars, 'chart-layer');
  } else {
    byLayer = barChart(
      'Findings by kind (no layers: a directory scan)',
      KINDS.map((k) => ({
        label: KIND_TITLES[k],
        parts: sevParts(fs.filter((f) => f.kind === k)),
        filter: `kind:${k}`,
      })),
      'chart-layer',
    );
  }
  const vulns = fs.filter((f) => f.kind === 'vulnerability');
  const fixable = vulns.filter(isFixable);
  const wontFix = vulns.filter((f) => f.kind === 'vulnerability' && f.status === 'will_not_fix');
  const noFix = vulns.filter(
    (f) => !isFixable(f) && !(f.kind === 'vulnerability' && f.status === 'will_not_fix'),
  );
  const byFix = barChart(
    'Vulnerabilities by fix availability',
    [
      { label: 'fix available', parts: sevParts(fixable), filter: 'fix:yes' },
      { label: 'no fix yet', parts: sevParts(noFix), filter: 'fix:no' },
      { label: "won't fix", parts: sevParts(wontFix), filter: 'fix:wont' },
    ],
    'chart-fix',
  );
  return `<section class="charts">${bySeverity}${byLayer}${byFix}</section>`;
}

/** compact row: [kindIdx, sevIdx, id, what, installed, fixed, fixState, layer, title, location, url|0, extra] */
type Row = [
  number,
  number,
  string,
  string,
  string,
  string,
  number,
  number,
  string,
  string,
  string | 0,
  string,
];

function row(f: Finding, report: Report): Row {
  const what =
    f.kind === 'vulnerability' || f.kind === 'license'
      ? f.pkg.name
      : f.kind === 'misconfig'
        ? f.resource && f.resource !== f.location?.path
          ? f.resource
          : ''
        : f.kind === 'secret'
          ? f.category
          : f.rule;
  const fixState = f.kind !== 'vulnerability' ? 0 : isFixable(f) ? 1 : f.status === 'will_not_fix' ? 3 : 2;
  const url = helpUri(f);
  const extra =
    f.kind === 'vulnerability'
      ? [
          f.kev ? 'KEV' : '',
          f.status !== 'affected' ? f.status.replace(/_/g, ' ') : '',
          targetOf(f, report).name,
        ]
          .filter(Boolean)
          .join(' · ')
      : f.kind === 'secret'
        ? f.match + (f.hiddenInLayer !== undefined ? ` (deleted in layer ${f.hiddenInLayer})` : '')
        : f.kind === 'license'
          ? f.license
          : f.kind === 'misconfig'
            ? (f.remediation ?? '')
            : (f.sha256 ?? '');
  return [
    KINDS.indexOf(f.kind),
    SEVERITIES.indexOf(f.severity),
    f.id,
    what,
    f.kind === 'vulnerability' || f.kind === 'license' ? f.pkg.version : '',
    fixedText(f),
    fixState,
    f.location?.layerIndex ?? -1,
    f.title,
    locationText(f.location),
    // the common vulnerability link is rebuilt in the page; others travel as they are
    f.kind === 'vulnerability' ? 0 : url,
    extra,
  ];
}

const CSS = `
:root{--bg:#fff;--fg:#1d2125;--mut:#5f6b76;--bd:#dde2e6;--card:#f6f8fa;--acc:#0b5cad}
@media (prefers-color-scheme:dark){:root{--bg:#15181c;--fg:#e6e9ec;--mut:#9aa5b1;--bd:#2d3339;--card:#1d2126;--acc:#6cb2ff}}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header{padding:20px 28px;border-bottom:1px solid var(--bd)}h1{font-size:20px;margin:0 0 4px;word-break:break-all}
.meta{color:var(--mut);font-size:13px}.meta span{margin-right:14px;white-space:nowrap}
main{padding:16px 28px 40px}.cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 18px}
.card{background:var(--card);border:1px solid var(--bd);border-radius:8px;padding:8px 14px;min-width:104px}
.card b{display:block;font-size:22px}.card small{color:var(--mut);text-transform:uppercase;font-size:11px;letter-spacing:.04em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:14px;margin-bottom:20px}
figure.chart{margin:0;background:var(--card);border:1px solid var(--bd);border-radius:8px;padding:10px 12px}
figcaption{font-weight:600;margin-bottom:6px}svg text{font-size:11px;fill:var(--fg)}svg text.n{fill:var(--mut)}
g.bar[data-filter]{cursor:pointer}g.bar[data-filter]:hover rect,g.bar[data-filter]:focus rect{opacity:.8}
.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;position:sticky;top:0;background:var(--bg);padding:10px 0;border-bottom:1px solid var(--bd);z-index:1}
.filters label{white-space:nowrap}.filters input[type=search]{min-width:240px;padding:5px 8px;border:1px solid var(--bd);border-radius:6px;background:var(--bg);color:var(--fg)}
select{max-width:280px}select,button{padding:4px 8px;border:1px solid var(--bd);border-radius:6px;background:var(--card);color:var(--fg)}
h2{font-size:16px;margin:22px 0 8px}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--bd);vertical-align:top;overflow-wrap:break-word}
th{background:var(--card);font-weight:600;white-space:nowrap}td:nth-child(-n+2){white-space:nowrap}
.scroll{overflow-x:auto}
.sev{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:11px;font-weight:700;text-transform:uppercase;white-space:nowrap}
.critical{background:${COLOR.critical}}.high{background:${COLOR.high}}.medium{background:${COLOR.medium};color:#222}.low{background:${COLOR.low}}.unknown{background:${COLOR.unknown}}
a{color:var(--acc)}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}.mut{color:var(--mut)}
details{margin:14px 0}button.more{margin:8px 0}.meta span{display:inline-block}summary{cursor:pointer;font-weight:600}#count{color:var(--mut)}.empty{padding:16px;color:var(--mut)}
`;

// The page script: builds the tables from the data and applies the filters. Each table shows its
// first PAGE matching rows and a button for more, so a 5,000-finding report opens at once. No eval,
// no innerHTML of data.
const JS = `
(function(){
var D=JSON.parse(document.getElementById('palisade-data').textContent);
var KINDS=D.kinds,SEVS=D.sevs,FIX=['','fix available','no fix','won\\'t fix'],PAGE=200;
var state={sev:{},kind:'',layer:'',fix:'',q:''};SEVS.forEach(function(s){state.sev[s]=true});
function el(t,c,txt){var e=document.createElement(t);if(c)e.className=c;if(txt!=null)e.textContent=String(txt);return e}
function vurl(id){return 'https://osv.dev/vulnerability/'+encodeURIComponent(id)}
var COLS={vulnerability:['Severity','ID','Package','Installed','Fixed','Layer','Title','Notes'],secret:['Severity','Rule','Category','Location','Layer','Match'],malware:['Severity','Rule','Location','Layer','Title','SHA-256'],misconfig:['Severity','Check','Resource','Location','Title','Remediation'],license:['Severity','Rule','Package','Version','License','Title']};
var CODE={vulnerability:[3,4],secret:[3,5],malware:[2],misconfig:[3],license:[3]};
function cells(r){var k=KINDS[r[0]],lay=r[7]<0?'':String(r[7]);
 if(k==='vulnerability')return [0,1,r[3],r[4],r[5]||FIX[r[6]],lay,r[8],r[11]];
 if(k==='secret')return [0,1,r[3],r[9],lay,r[11]];
 if(k==='malware')return [0,1,r[9],lay,r[8],r[11]];
 if(k==='misconfig')return [0,1,r[3],r[9],r[8],r[11]];
 return [0,1,r[3],r[4],r[11],r[8]]}
function tr(r){var k=KINDS[r[0]],row=el('tr');cells(r).forEach(function(c,i){var td=el('td');
 if(i===0)td.appendChild(el('span','sev '+SEVS[r[1]],SEVS[r[1]]));
 else if(i===1){var a=el('a',null,r[2]);a.href=r[10]||vurl(r[2]);a.rel='noreferrer';a.target='_blank';td.appendChild(a)}
 else if(CODE[k].indexOf(i)>=0&&c)td.appendChild(el('code',null,c));else td.textContent=c;row.appendChild(td)});return row}
var tables=[];
KINDS.forEach(function(k,ki){var rows=D.rows.filter(function(r){return r[0]===ki});if(!rows.length)return;
 var sec=el('section');sec.id='kind-'+k;var h=el('h2');sec.appendChild(h);
 var t=el('table');var th=el('thead');var hr=el('tr');COLS[k].forEach(function(c){hr.appendChild(el('th',null,c))});th.appendChild(hr);t.appendChild(th);
 var tb=el('tbody');t.appendChild(tb);var sc=el('div','scroll');sc.appendChild(t);sec.appendChild(sc);var more=el('button','more');more.type='button';sec.appendChild(more);
 var tab={k:k,rows:rows,sec:sec,h:h,body:tb,more:more,limit:PAGE,hits:[]};
 more.addEventListener('click',function(){tab.limit+=PAGE*5;draw(tab)});
 document.getElementById('tables').appendChild(sec);tables.push(tab)});
function match(r){if(!state.sev[SEVS[r[1]]])return false;if(state.kind&&KINDS[r[0]]!==state.kind)return false;
 if(state.layer!==''&&String(r[7]<0?'-':r[7])!==state.layer)return false;
 if(state.fix==='yes'&&r[6]!==1||state.fix==='no'&&r[6]!==2||state.fix==='wont'&&r[6]!==3)return false;
 if(state.q){var s=(r[2]+' '+r[3]+' '+r[4]+' '+r[8]+' '+r[9]+' '+r[11]).toLowerCase();if(s.indexOf(state.q)<0)return false}return true}
function draw(t){var f=document.createDocumentFragment(),n=Math.min(t.limit,t.hits.length);for(var i=0;i<n;i++)f.appendChild(tr(t.hits[i]));
 t.body.replaceChildren(f);var left=t.hits.length-n;t.more.textContent='show '+Math.min(left,PAGE*5)+' more of '+left;t.more.style.display=left>0?'':'none'}
function apply(){var shown=0;tables.forEach(function(t){t.hits=t.rows.filter(match);t.limit=PAGE;var n=t.hits.length;
 t.sec.style.display=n?'':'none';t.h.textContent=D.titles[t.k]+' ('+n+(n!==t.rows.length?' of '+t.rows.length:'')+')';shown+=n;draw(t)});
 document.getElementById('count').textContent=shown+' of '+D.rows.length+' findings match';
 document.getElementById('none').style.display=shown?'none':''}
document.querySelectorAll('input[data-sev]').forEach(function(c){c.addEventListener('change',function(){state.sev[c.getAttribute('data-sev')]=c.checked;apply()})});
var fk=document.getElementById('f-kind'),fl=document.getElementById('f-layer'),ff=document.getElementById('f-fix'),fq=document.getElementById('f-q');
fk.addEventListener('change',function(){state.kind=fk.value;apply()});fl.addEventListener('change',function(){state.layer=fl.value;apply()});
ff.addEventListener('change',function(){state.fix=ff.value;apply()});fq.addEventListener('input',function(){state.q=fq.value.trim().toLowerCase();apply()});
document.getElementById('f-reset').addEventListener('click',function(){SEVS.forEach(function(s){state.sev[s]=true});document.querySelectorAll('input[data-sev]').forEach(function(c){c.checked=true});
 state.kind=state.layer=state.fix=state.q='';fk.value=fl.value=ff.value='';fq.value='';apply()});
function chartFilter(f){var p=f.split(':'),k=p[0],v=p.slice(1).join(':');
 if(k==='sev'){SEVS.forEach(function(s){state.sev[s]=s===v});document.querySelectorAll('input[data-sev]').forEach(function(c){c.checked=c.getAttribute('data-sev')===v})}
 if(k==='layer'){state.layer=v;fl.value=v}if(k==='kind'){state.kind=v;fk.value=v}if(k==='fix'){state.fix=v;ff.value=v;state.kind='vulnerability';fk.value='vulnerability'}
 apply();document.getElementById('filters').scrollIntoView()}
document.querySelectorAll('g.bar[data-filter]').forEach(function(g){g.addEventListener('click',function(){chartFilter(g.getAttribute('data-filter'))});
 g.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();chartFilter(g.getAttribute('data-filter'))}})});
apply();
})();
`;

export function htmlReport(report: Report): string {
  const a = report.artifact;
  const c = severityCounts(report.findings);
  const suppressed = report.suppressed ?? [];
  const os = a.os
    ? `${a.os.prettyName ?? `${a.os.family} ${a.os.version}`}${a.os.eol ? ' (end of life)' : ''}`
    : '';
  const meta = [
    a.type,
    os,
    a.digest ? `digest ${a.digest}` : '',
    a.layers.length ? `${a.layers.length} layers` : '',
    `${report.packages.length} packages`,
    `scanned ${report.createdAt}`,
    `Palisade ${report.scanner.version}`,
  ].filter(Boolean);
  const cards = [
    `<div class="card"><b>${report.findings.length}</b><small>findings</small></div>`,
    ...SEVERITIES.map(
      (s) =>
        `<div class="card" style="border-left:4px solid ${COLOR[s]}"><b>${c[s]}</b><small>${s}</small></div>`,
    ),
    `<div class="card"><b>${report.findings.filter(isFixable).length}</b><small>fixable</small></div>`,
    `<div class="card"><b>${suppressed.length}</b><small>suppressed</small></div>`,
  ].join('');
  const layerOptions = a.layers
    .map(
      (l) =>
        `<option value="${l.index}">layer ${l.index}${l.createdBy ? `: ${x(l.createdBy.length > 40 ? `${l.createdBy.slice(0, 39)}…` : l.createdBy)}` : ''}</option>`,
    )
    .join('');
  const kinds = KINDS.filter((k) => report.findings.some((f) => f.kind === k));
  const filters =
    `<div class="filters" id="filters">` +
    SEVERITIES.map(
      (s) =>
        `<label><input type="checkbox" data-sev="${s}" checked> <span class="sev ${s}">${s}</span></label>`,
    ).join('') +
    `<select id="f-kind" aria-label="kind"><option value="">all kinds</option>${kinds.map((k) => `<option value="${k}">${KIND_TITLES[k]}</option>`).join('')}</select>` +
    `<select id="f-layer" aria-label="layer"><option value="">all layers</option>${layerOptions}<option value="-">no layer</option></select>` +
    `<select id="f-fix" aria-label="fix"><option value="">any fix state</option><option value="yes">fix available</option><option value="no">no fix yet</option><option value="wont">won't fix</option></select>` +
    `<input type="search" id="f-q" placeholder="filter: id, package, path, text" aria-label="search">` +
    `<button id="f-reset" type="button">reset</button><span id="count"></span></div>`;
  const suppressedHtml = suppressed.length
    ? `<details><summary>Suppressed findings (${suppressed.length})</summary><table><thead><tr><th>Severity</th><th>Kind</th><th>ID</th><th>What</th><th>Suppressed by</th></tr></thead><tbody>` +
      suppressed
        .map(
          (f) =>
            `<tr><td><span class="sev ${f.severity}">${f.severity}</span></td><td>${f.kind}</td><td>${x(f.id)}</td><td><code>${x(
              f.kind === 'vulnerability' || f.kind === 'license'
                ? `${f.pkg.name}@${f.pkg.version}`
                : locationText(f.location),
            )}</code></td><td>${x(suppressionText(f.suppression))}</td></tr>`,
        )
        .join('') +
      `</tbody></table></details>`
    : '';
  const warningsHtml = report.warnings.length
    ? `<details><summary>Warnings (${report.warnings.length})</summary><ul>${report.warnings
        .slice(0, 2000)
        .map((w) => `<li><code>${x(w.code)}</code> ${x(w.message)}</li>`)
        .join('')}</ul></details>`
    : '';
  const layersHtml = a.layers.length
    ? `<details><summary>Layers (${a.layers.length})</summary><table><thead><tr><th>#</th><th>diffID</th><th>Size</th><th>Created by</th></tr></thead><tbody>${a.layers
        .map(
          (l) =>
            `<tr><td>${l.index}</td><td><code>${x(l.diffId)}</code></td><td>${l.size !== undefined ? `${(l.size / 1e6).toFixed(1)} MB` : ''}</td><td>${x(l.createdBy ?? '')}</td></tr>`,
        )
        .join('')}</tbody></table></details>`
    : '';
  const data = {
    kinds: KINDS,
    sevs: SEVERITIES,
    titles: KIND_TITLES,
    rows: report.findings.map((f) => row(f, report)),
  };
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="generator" content="Palisade ${x(report.scanner.version)}">` +
    `<title>Palisade report: ${x(a.name)}</title><style>${CSS}</style></head><body>` +
    `<header><h1>${x(a.name)}</h1><div class="meta">${meta.map((m) => `<span>${x(m)}</span>`).join(' ')}</div></header>` +
    `<main><div class="cards">${cards}</div>${charts(report)}${filters}` +
    `<div id="tables"></div><div id="none" class="empty">No findings match the filters.</div>` +
    `<noscript><p class="empty">The finding tables need JavaScript; the JSON report has the same data.</p></noscript>` +
    `${suppressedHtml}${layersHtml}${warningsHtml}</main>` +
    `<script id="palisade-data" type="application/json">${scriptJson(data)}</script>` +
    `<script>${JS}</script></body></html>\n`
  );
}

export const htmlWriter: ReportWriter = {
  format: 'html',
  render: (report) => htmlReport(report),
};
