// Every CLI verb, in help order. One file per verb; each exports a CommandModule.
import type { CommandModule } from '../command.js';
import { agentCommand } from './agent.js';
import { cacheCommand } from './cache.js';
import { eventsCommand } from './events.js';
import { imageCommand } from './image.js';
import { registryCommand } from './registry.js';
import { rootfsCommand } from './rootfs.js';
import { rulesCommand } from './rules.js';
import { versionCommand } from './version.js';

export const commands: readonly CommandModule[] = [
  imageCommand,
  rootfsCommand,
  registryCommand,
  agentCommand,
  rulesCommand,
  eventsCommand,
  cacheCommand,
  versionCommand,
];
