// Output templates: "Shell in container (user=%user.name container=%container.id)". Each %field is
// rendered from the event; fields we do not provide, or values the event lacks, render as <NA> (as
// Falco prints them) and never disable a rule.
import type { RuntimeEvent } from '../event.js';
import { resolveField, type FieldDef } from './fields.js';

export interface OutputTemplate {
  render(e: RuntimeEvent): { text: string; fields: Record<string, string | number | boolean | null> };
  /** field names the template mentions */
  fields: string[];
}

const FIELD_RE = /%(\([A-Za-z_][A-Za-z0-9_.]*(?:\[[^\]]*\])?\)|[A-Za-z_][A-Za-z0-9_.]*(?:\[[^\]]*\])?)/g;

interface Part {
  lit: string;
  field?: { key: string; def?: FieldDef; arg?: string };
}

export function compileOutput(template: string): OutputTemplate {
  const parts: Part[] = [];
  let last = 0;
  const names: string[] = [];
  for (const m of template.matchAll(FIELD_RE)) {
    let raw = m[1]!;
    let consumed = m[0].length;
    if (raw.startsWith('(')) raw = raw.slice(1, -1);
    else
      while (raw.endsWith('.')) {
        raw = raw.slice(0, -1);
        consumed--;
      }
    const b = raw.indexOf('[');
    const name = b >= 0 ? raw.slice(0, b) : raw;
    const arg = b >= 0 ? raw.slice(b + 1, -1) : undefined;
    const r = resolveField(name, arg);
    parts.push({
      lit: template.slice(last, m.index),
      field: { key: raw, ...(r ? { def: r.def } : {}), ...(r?.arg !== undefined ? { arg: r.arg } : {}) },
    });
    names.push(raw);
    last = m.index + consumed;
  }
  const tail = template.slice(last);
  return {
    fields: names,
    render(e) {
      let text = '';
      const fields: Record<string, string | number | boolean | null> = {};
      for (const p of parts) {
        text += p.lit;
        const f = p.field!;
        const v = f.def ? f.def.get(e, f.arg) : undefined;
        const shown =
          v === undefined ? null : Array.isArray(v) ? v.join(',') : (v as string | number | boolean);
        fields[f.key] = shown;
        text += shown === null ? '<NA>' : String(shown);
      }
      text += tail;
      return { text: text.trim(), fields };
    },
  };
}
