// Every file analyzer, in the order their results are reported. Explicit list: adding an analyzer is
// one import and one entry here (no side-effect registration). The OS analyzer stays first: package
// finalizers read the detected OS (purl namespace and distro qualifier).
import type { Analyzer } from './analyzer.js';
import { malwareAnalyzer } from '../evaluate/malware/analyzer.js';
import { riskyFilesAnalyzer } from '../evaluate/malware/risky-files.js';
import { configFilesAnalyzer } from '../evaluate/config-files-analyzer.js';
import { secretAnalyzer } from '../evaluate/secrets/analyzer.js';
import { dotnetDepsJson } from './lang/dotnet/deps-json.js';
import { dotnetPackagesLock } from './lang/dotnet/packages-lock.js';
import { goBinary } from './lang/golang/binary.js';
import { goMod } from './lang/golang/go-mod.js';
import { javaArchive } from './lang/java/archive.js';
import { javaGradleLockfile } from './lang/java/gradle-lockfile.js';
import { javaPomXml } from './lang/java/pom-xml.js';
import { npmBunLock } from './lang/npm/bun-lock.js';
import { npmPackageJson } from './lang/npm/package-json.js';
import { npmPackageLock } from './lang/npm/package-lock.js';
import { npmPnpmLock } from './lang/npm/pnpm-lock.js';
import { npmYarnLock } from './lang/npm/yarn-lock.js';
import { phpComposerLock } from './lang/php/composer-lock.js';
import { phpInstalledJson } from './lang/php/installed-json.js';
import { pythonMetadata } from './lang/python/metadata.js';
import { pythonPipfileLock } from './lang/python/pipfile-lock.js';
import { pythonPoetryLock } from './lang/python/poetry-lock.js';
import { pythonRequirements } from './lang/python/requirements.js';
import { pythonUvLock } from './lang/python/uv-lock.js';
import { rubyGemfileLock } from './lang/ruby/gemfile-lock.js';
import { rubyGemspec } from './lang/ruby/gemspec.js';
import { rustAuditable } from './lang/rust/auditable.js';
import { rustCargoLock } from './lang/rust/cargo-lock.js';
import { osRelease } from './os/os-release.js';
import { apk } from './pkg/apk.js';
import { dpkg } from './pkg/dpkg.js';
import { dpkgCopyright } from './pkg/dpkg-copyright.js';
import { rpmBdb } from './pkg/rpm-bdb.js';
import { rpmNdb } from './pkg/rpm-ndb.js';
import { rpmSqlite } from './pkg/rpm-sqlite.js';

export const analyzers: readonly Analyzer[] = [
  osRelease,
  // OS package databases
  dpkg,
  dpkgCopyright,
  apk,
  rpmSqlite,
  rpmBdb,
  rpmNdb,
  // language packages: installed evidence (all modes)
  npmPackageJson,
  pythonMetadata,
  goBinary,
  javaArchive,
  rubyGemspec,
  rustAuditable,
  phpInstalledJson,
  dotnetDepsJson,
  // lockfiles and manifests (fs mode; image/rootfs only with --include-lockfiles)
  npmPackageLock,
  npmYarnLock,
  npmPnpmLock,
  npmBunLock,
  pythonRequirements,
  pythonPoetryLock,
  pythonPipfileLock,
  pythonUvLock,
  goMod,
  javaPomXml,
  javaGradleLockfile,
  rubyGemfileLock,
  rustCargoLock,
  phpComposerLock,
  dotnetPackagesLock,
  // secrets, malware and risky files (their scanners switch them on)
  secretAnalyzer,
  malwareAnalyzer,
  riskyFilesAnalyzer,
  // Dockerfiles and Compose files (--scanners misconfig)
  configFilesAnalyzer,
];
