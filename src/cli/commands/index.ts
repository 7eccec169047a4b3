// Every CLI verb, in help order. One file per verb; each exports `register`.
import type { CommandModule } from '../command.js';
import { agentCommand } from './agent.js';
import { configCommand } from './config.js';
import { eventsCommand } from './events.js';
import { rulesCommand } from './rules.js';
import { versionCommand } from './version.js';

export const commands: readonly CommandModule[] = [
  configCommand,
  agentCommand,
  rulesCommand,
  eventsCommand,
  versionCommand,
];
