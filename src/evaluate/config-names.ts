// Which files are configuration to check, by name alone. Kept apart from the scan so that the file
// analyzers (loaded for every image scan) can test paths without loading the check engine.

/** directories of vendored or tool state: their Dockerfiles and manifests are not the project's */
export const SKIP_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  '.terraform',
  '__pycache__',
]);

export function dockerfileName(name: string): boolean {
  return (
    /^(Dockerfile|Containerfile)([.-][\w.-]+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name)
  );
}
export function composeName(name: string): boolean {
  return /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i.test(name);
}
