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
      let w = cell.length;
      if (w > natural[i]! && cell.includes('\n')) {
        w = 0;
        for (const l of cell.split('\n')) if (l.length > w) w = l.length;
      }
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
  const style = opts.style;
  const cellText = (text: string, rowIdx: number, i: number): string => {
    const padded = text.length < widths[i]! ? text.padEnd(widths[i]!) : text;
    return style && rowIdx >= 0 ? style(rowIdx, i, padded) : padded;
  };
  // tens of thousands of rows: plain loops, and one line built directly when no cell wraps
  const emit = (cells: string[], rowIdx: number) => {
    let fits = true;
    for (let i = 0; i < n; i++) {
      const c = cells[i] ?? '';
      if (c.length > widths[i]! || c.includes('\n')) {
        fits = false;
        break;
      }
    }
    if (fits) {
      let line = '|';
      for (let i = 0; i < n; i++) line += ` ${cellText(cells[i] ?? '', rowIdx, i)} |`;
      lines.push(line);
      return;
    }
    const wrapped: string[][] = [];
    let height = 1;
    for (let i = 0; i < n; i++) {
      const w = wrap(cells[i] ?? '', widths[i]!);
      wrapped.push(w);
      if (w.length > height) height = w.length;
    }
    for (let k = 0; k < height; k++) {
      let line = '|';
      for (let i = 0; i < n; i++) line += ` ${cellText(wrapped[i]![k] ?? '', rowIdx, i)} |`;
      lines.push(line);
    }
  };
  emit(headers, -1);
  lines.push(sep.replace(/-/g, '='));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    emit(r, i);
    if (i < rows.length - 1 && r.some((c) => c.length > 0)) lines.push(sep);
  }
  lines.push(sep);
  return lines.join('\n');
}
