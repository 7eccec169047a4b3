// Path handling for names read from tar headers and image manifests. Nothing here touches the host
// filesystem: a path is only ever a key into the image's own file tree.

export interface NormalizedPath {
  /** relative, '/'-separated, no '.', '..' or empty segments; '' is the root */
  path: string;
  /** the name was absolute ('/etc/x') */
  absolute: boolean;
  /** the name tried to climb above the root ('../x', 'a/../../x'); `path` is then undefined-safe '' */
  escapes: boolean;
}

/** Normalise a tar member name or symlink-resolved path. '..' above the root marks `escapes`. */
const ALREADY_CLEAN = /^(?!\.{1,2}(?:\/|$))[^/](?:(?!\/\.{0,2}(?:\/|$)).)*$/s;

export function normalizePath(name: string): NormalizedPath {
  // most names are already clean ("usr/bin/x"): skip the split/join
  if (ALREADY_CLEAN.test(name)) return { path: name, absolute: false, escapes: false };
  const absolute = name.startsWith('/');
  const out: string[] = [];
  let escapes = false;
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) escapes = true;
      else out.pop();
      continue;
    }
    out.push(seg);
  }
  return { path: out.join('/'), absolute, escapes };
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** Join a symlink's target to the directory holding the link; absolute targets start at the image root. */
export function joinLinkTarget(linkPath: string, target: string): string {
  return target.startsWith('/') ? target : `${dirname(linkPath)}/${target}`;
}

/** true when `path` is `dir` or inside it ('' is the root and contains everything) */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(dir + '/');
}
