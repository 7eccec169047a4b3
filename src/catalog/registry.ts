// Every file analyzer, in the order their results are reported. Explicit list: adding an analyzer is
// one import and one entry here (no side-effect registration). The OS analyzer stays first: package
// finalizers read the detected OS (purl namespace and distro qualifier).
import type { Analyzer } from './analyzer.js';
import { malwareAnalyzer } from '../evaluate/malware/analyzer.js';
import { riskyFilesAnalyzer } from '../evaluate/malware/risky-files.js';
import { secretAnalyzer } from '../evaluate/secrets/analyzer.js';
import { osRelease } from './os/os-release.js';
import { apk } from './pkg/apk.js';
import { dpkg } from './pkg/dpkg.js';

export const analyzers: readonly Analyzer[] = [
  osRelease,
  dpkg,
  apk,
  secretAnalyzer,
  malwareAnalyzer,
  riskyFilesAnalyzer,
];
