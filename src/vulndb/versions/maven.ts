// Maven version order: a port of org.apache.maven.artifact.versioning.ComparableVersion (Maven 3). The
// version is split at '.', '-' and digit/letter transitions into integer, qualifier and list items;
// known qualifiers order alpha < beta < milestone < rc < snapshot < "" (release, ga, final) < sp, and
// unknown qualifiers come after them alphabetically. Trailing "null" items (0, "", ga…) are dropped.
// No maintained npm port exists; it is small.
import { compareDigits, invalidVersion, memo, type VersionScheme } from './scheme.js';

type Item = { k: 'int'; v: string } | { k: 'str'; v: string } | { k: 'list'; v: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };

function strItem(value: string, followedByDigit: boolean): Item {
  let v = value;
  if (followedByDigit && v.length === 1)
    v = ({ a: 'alpha', b: 'beta', m: 'milestone' } as const)[v as 'a'] ?? v;
  return { k: 'str', v: ALIASES[v] ?? v };
}

function parseItem(isDigit: boolean, buf: string): Item {
  return isDigit ? { k: 'int', v: buf.replace(/^0+(?=\d)/, '') } : strItem(buf, false);
}

const isNull = (i: Item): boolean =>
  i.k === 'int' ? /^0+$/.test(i.v) : i.k === 'str' ? i.v === '' : i.v.length === 0;

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i]!;
    if (isNull(last)) list.splice(i, 1);
    else if (last.k !== 'list') break;
  }
}

export function parseMaven(version: string): Item[] {
  const v = version.toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let isDigit = false;
  let start = 0;
  const push = (l: Item[]) => {
    const sub: Item[] = [];
    l.push({ k: 'list', v: sub });
    stack.push(sub);
    return sub;
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '.') {
      list.push(i === start ? { k: 'int', v: '0' } : parseItem(isDigit, v.slice(start, i)));
      start = i + 1;
    } else if (c === '-') {
      list.push(i === start ? { k: 'int', v: '0' } : parseItem(isDigit, v.slice(start, i)));
      start = i + 1;
      list = push(list);
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.push(strItem(v.slice(start, i), true));
        start = i;
        list = push(list);
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, v.slice(start, i)));
        start = i;
        list = push(list);
      }
      isDigit = false;
    }
  }
  if (v.length > start) list.push(parseItem(isDigit, v.slice(start)));
  while (stack.length) normalize(stack.pop()!);
  return root;
}

function qualifierKey(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function cmpItem(a: Item | undefined, b: Item | undefined): number {
  if (!a) return b ? -cmpItem(b, undefined) : 0;
  switch (a.k) {
    case 'int':
      if (!b) return isNull(a) ? 0 : 1;
      return b.k === 'int' ? compareDigits(a.v, b.v) : 1;
    case 'str':
      if (!b) return cmpStr(qualifierKey(a.v), qualifierKey(''));
      if (b.k === 'int') return -1;
      if (b.k === 'str') return cmpStr(qualifierKey(a.v), qualifierKey(b.v));
      return -1;
    case 'list':
      if (!b) return a.v.length === 0 ? 0 : cmpItem(a.v[0], undefined);
      if (b.k === 'int') return -1;
      if (b.k === 'str') return 1;
      for (let i = 0; i < Math.max(a.v.length, b.v.length); i++) {
        const l = a.v[i];
        const r = b.v[i];
        const d = l === undefined ? (r === undefined ? 0 : -cmpItem(r, l)) : cmpItem(l, r);
        if (d) return d;
      }
      return 0;
  }
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const parsedMaven = memo((v: string): Item => ({ k: 'list', v: parseMaven(v) }));

export function validMaven(v: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(v.trim());
}

export function compareMaven(a: string, b: string): number {
  if (!validMaven(a)) throw invalidVersion('maven', a);
  if (!validMaven(b)) throw invalidVersion('maven', b);
  const d = cmpItem(parsedMaven(a.trim()), parsedMaven(b.trim()));
  return Math.sign(d);
}

export const maven: VersionScheme = { name: 'maven', valid: validMaven, compare: compareMaven };
