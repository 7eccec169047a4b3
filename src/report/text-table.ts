// Plain-text tables whose wide cells wrap (at spaces where possible) instead of being cut, fitted to
// the terminal width.

export interface TableOptions {
  width: number;
  /** style a rendered cell (colour); receives the padded text */
  style?: (row: number, col: number, text: string) => string;
}

function wrap(text: string, width: number): string[] {
  if (text.length <= width && !text.includes('\n')) return [text];
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/(\s+)/)) {
      if (word === '') continue;
      if ((line + word).length <= width) {
        line += word;
        continue;
      }
      if (line.trim()) out.push(line.trimEnd());
      line = word.trimStart();
      while (line.length > width) {
        out.push(line.slice(0, width));
        line = line.slice(width);
      }
    }
    out.push(line.trimEnd());
  }
  return out.length ? out : [''];
}

export function renderTable(headers: string[], rows: string[][], opts: TableOptions): string {
  const n = headers.length;
  // loops, not spreads: a report may have tens of thousands of rows
  const natural = headers.map((h) => h.length);
  for (const r of rows)
    for (let i = 0; i < n; i++) {
      const cell = r[i] ?? '';
      let w = 0;
      for (const l of cell.includes('\n') ? cell.split('\n') : [cell]) w = Math.max(w, l.length);
      if (w > natural[i]!) natural[i] = w;
    }
  const overhead = 3 * (n - 1) + 4;
  let widths = [...natural];
  const budget = Math.max(opts.width - overhead, n * 6);
  // shrink the widest columns until everything fits
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const max = Math.max(...widths);
    if (max <= 6) break;
    const i = widths.indexOf(max);
    widths[i] = max - 1;
  }
  widths = widths.map((w) => Math.max(w, 1));
  const sep = `+-${widths.map((w) => '-'.repeat(w)).join('-+-')}-+`;
  const lines: string[] = [sep];
  const emit = (cells: string[], rowIdx: number) => {
    const wrapped = cells.map((c, i) => wrap(c ?? '', widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) {
      const parts = wrapped.map((w, i) => {
        const text = (w[k] ?? '').padEnd(widths[i]!);
        return opts.style && rowIdx >= 0 ? opts.style(rowIdx, i, text) : text;
      });
      lines.push(`| ${parts.join(' | ')} |`);
    }
  };
  emit(headers, -1);
  lines.push(sep.replace(/-/g, '='));
  rows.forEach((r, i) => {
    emit(r, i);
    if (i < rows.length - 1 && r.some((c) => c.includes('\n') || c.length > 0)) lines.push(sep);
  });
  lines.push(sep);
  return lines.join('\n');
}
