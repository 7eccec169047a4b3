// Every file analyzer, in the order their results are reported. Explicit list: adding an analyzer is
// one import and one entry here (no side-effect registration).
import type { Analyzer } from './analyzer.js';
import { malwareAnalyzer } from '../evaluate/malware/analyzer.js';
import { riskyFilesAnalyzer } from '../evaluate/malware/risky-files.js';
import { secretAnalyzer } from '../evaluate/secrets/analyzer.js';

export const analyzers: readonly Analyzer[] = [secretAnalyzer, malwareAnalyzer, riskyFilesAnalyzer];
