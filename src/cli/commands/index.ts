// Every CLI verb, in help order. One file per verb; each exports `register`.
import type { CommandModule } from '../command.js';
import { dbCommand } from './db.js';
import { versionCommand } from './version.js';

export const commands: readonly CommandModule[] = [dbCommand, versionCommand];
