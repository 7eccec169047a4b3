// Every advisory importer, in the order a file is offered to them (the first that accepts it wins).
import { alpineSecdb } from './alpine-secdb.js';
import { cisaKev } from './cisa-kev.js';
import { debianPackages } from './debian-packages.js';
import { debianTracker } from './debian-tracker.js';
import type { Importer } from './importer.js';
import { nodejsSecurityWg } from './nodejs-security-wg.js';
import { osv } from './osv.js';
import { rubysec } from './rubysec.js';
import { rustsec } from './rustsec.js';

export const importers: readonly Importer[] = [
  nodejsSecurityWg,
  rustsec,
  rubysec,
  alpineSecdb,
  cisaKev,
  debianPackages,
  debianTracker,
  osv,
];

export type { Importer, ImportContext } from './importer.js';
