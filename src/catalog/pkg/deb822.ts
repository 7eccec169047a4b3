// deb822 control-file paragraphs (Debian Policy §5.1): "Field: value", continuation lines start with
// a space or tab, paragraphs are separated by blank lines. Field names are case-insensitive; we keep
// the first spelling seen and look up case-sensitively with the canonical names dpkg writes.

export type Paragraph = Record<string, string>;

export function parseDeb822(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: Paragraph = {};
  let last: string | undefined;
  let any = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (any) out.push(cur);
      cur = {};
      last = undefined;
      any = false;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (last !== undefined) cur[last] += '\n' + line.slice(1);
      continue;
    }
    if (line[0] === '#') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon);
    cur[last] = line.slice(colon + 1).trim();
    any = true;
  }
  if (any) out.push(cur);
  return out;
}
