// Which version scheme orders each ecosystem's versions. Ecosystem names are purl types (DESIGN.md).
import type { Ecosystem } from '../../core/types.js';
import { apk } from './apk.js';
import { cargo } from './cargo.js';
import { composer } from './composer.js';
import { dpkg } from './dpkg.js';
import { go } from './go.js';
import { maven } from './maven.js';
import { nuget } from './nuget.js';
import { pep440 } from './pep440.js';
import { rpm } from './rpm.js';
import { rubygems } from './rubygems.js';
import type { VersionScheme } from './scheme.js';
import { semver } from './semver.js';

export type { VersionScheme } from './scheme.js';

const BY_ECOSYSTEM: Partial<Record<Ecosystem, VersionScheme>> = {
  deb: dpkg,
  apk,
  rpm,
  npm: semver,
  pypi: pep440,
  golang: go,
  maven,
  gem: rubygems,
  cargo,
  composer,
  nuget,
  // the Node.js runtime (security-wg core advisories) is the only generic package we match
  generic: semver,
};

export function schemeFor(ecosystem: Ecosystem | string): VersionScheme | undefined {
  return BY_ECOSYSTEM[ecosystem as Ecosystem];
}
