// pom.xml (fs mode): the project's declared dependencies with ${property} substitution (project
// properties, project.version, parent version) and versions from <dependencyManagement>. Test-scoped
// dependencies are dev. Without a resolvable version a dependency is left out (no guesses). Parent
// POMs from a repository are not fetched: what the file does not say stays unknown.
import { XMLParser } from 'fast-xml-parser';
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { normaliseLicense } from '../../license.js';
import { makePurl } from '../../purl.js';
import { basename, isObject, pkg, safely } from '../common.js';

const FOUND_BY = 'java-pom-xml';
const xml = new XMLParser({
  ignoreAttributes: true,
  processEntities: false,
  parseTagValue: false,
  isArray: (n) => n === 'dependency' || n === 'license',
});

type Node = Record<string, unknown>;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

export function parsePomXml(src: string, path: string): Package[] {
  const doc = xml.parse(src) as Node;
  const project = isObject(doc.project) ? doc.project : undefined;
  if (!project) return [];
  const parent = isObject(project.parent) ? project.parent : {};
  const props = new Map<string, string>();
  if (isObject(project.properties))
    for (const [k, v] of Object.entries(project.properties)) if (text(v)) props.set(k, text(v)!);
  const groupId = text(project.groupId) ?? text(parent.groupId);
  const version = text(project.version) ?? text(parent.version);
  if (groupId) props.set('project.groupId', groupId);
  if (version) props.set('project.version', version);
  if (text(parent.version)) props.set('project.parent.version', text(parent.version)!);
  const subst = (s: string | undefined): string | undefined => {
    if (!s) return undefined;
    let out = s;
    for (let i = 0; i < 10 && out.includes('${'); i++)
      out = out.replace(/\$\{([^}]+)\}/g, (m, k: string) => props.get(k) ?? m);
    return out.includes('${') ? undefined : out;
  };
  const managed = new Map<string, string>();
  const dm =
    isObject(project.dependencyManagement) && isObject(project.dependencyManagement.dependencies)
      ? project.dependencyManagement.dependencies
      : {};
  for (const d of (Array.isArray(dm.dependency) ? dm.dependency : []) as Node[]) {
    const g = subst(text(d.groupId));
    const a = subst(text(d.artifactId));
    const v = subst(text(d.version));
    if (g && a && v) managed.set(`${g}:${a}`, v);
  }
  const licenses = (
    isObject(project.licenses) && Array.isArray(project.licenses.license) ? project.licenses.license : []
  )
    .map((l: unknown) => (isObject(l) ? normaliseLicense(text(l.name)) : undefined))
    .filter((x): x is string => !!x);
  const out: Package[] = [];
  const deps =
    isObject(project.dependencies) && Array.isArray(project.dependencies.dependency)
      ? project.dependencies.dependency
      : [];
  for (const d of deps as Node[]) {
    const g = subst(text(d.groupId));
    const a = subst(text(d.artifactId));
    if (!g || !a) continue;
    const v = subst(text(d.version)) ?? managed.get(`${g}:${a}`);
    if (!v) continue;
    const scope = text(d.scope);
    out.push(
      pkg({
        name: `${g}:${a}`,
        version: v,
        ecosystem: 'maven',
        purl: makePurl('maven', g, a, v),
        path,
        foundBy: FOUND_BY,
        dev: scope === 'test',
        metadata: { groupId: g, artifactId: a, ...(scope ? { scope } : {}) },
      }),
    );
  }
  if (licenses.length) for (const p of out) p.metadata = { ...p.metadata, projectLicenses: licenses };
  return out;
}

export const javaPomXml = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'pom.xml',
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parsePomXml((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
