// Every CLI verb, in help order. One file per verb; each exports `register`.
import type { CommandModule } from '../command.js';
import { configCommand } from './config.js';
import { versionCommand } from './version.js';

export const commands: readonly CommandModule[] = [versionCommand, configCommand];
