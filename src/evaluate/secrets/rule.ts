// What a secret rule is. Built-in rules (rules/*.ts) and user rules (YAML, user-rules.ts) have the same
// shape; the engine compiles both the same way.
import type { Severity } from '../../core/types.js';

export interface SecretRule {
  /** stable id, kebab-case; the finding id */
  id: string;
  /** provider or family: aws, gcp, azure, github, gitlab, slack, stripe, npm, private-key, generic, … */
  category: string;
  title: string;
  severity: Severity;
  /**
   * Literal strings (matched case-insensitively, ASCII) of which at least one occurs in or next to every
   * match. They drive the prefilter: the regex runs only in windows around keyword hits.
   */
  keywords: string[];
  /** RE2 syntax (no backreferences or lookaround) */
  regex: string;
  /** the capture group holding the secret (number or name); the whole match when absent */
  secretGroup?: number | string;
  /** minimum Shannon entropy (bits per character) of the secret */
  entropy?: number;
  /**
   * the match starts at a keyword hit: the pattern is tried only there, anchored, instead of searched for
   * in the window — much cheaper on common keywords. A pattern that opens with a boundary alternative
   * `(?:^|[^…])` is tried one byte before the keyword (or at the line's start).
   */
  anchored?: boolean;
  /** bytes searched before/after a keyword hit (defaults 256/512; clamped to the hit's line unless multiline) */
  window?: { before?: number; after?: number; multiline?: boolean };
  /** the rule only applies to files whose path matches one of these RE2 patterns */
  paths?: string[];
  /** scan binary files (files with a NUL byte in their first 8 KiB) with this rule too */
  binary?: boolean;
  allowlist?: {
    /** a match whose secret matches one of these is dropped (templates, placeholders) */
    regexes?: string[];
    /** files whose path matches one of these are not scanned with this rule */
    paths?: string[];
    /** secrets containing one of these (lower-cased) words are dropped */
    stopwords?: string[];
  };
  /** documented example values (provider docs); reported as example with severity low, not hidden */
  examples?: string[];
  references?: string[];
}

/** The rules of one family file (rules/*.ts). */
export type RuleFamily = readonly SecretRule[];
