// Every file analyzer, in the order their results are reported. Explicit list: adding an analyzer is
// one import and one entry here (no side-effect registration).
import type { Analyzer } from './analyzer.js';

export const analyzers: readonly Analyzer[] = [];
