// Every CLI verb, in help order. One file per verb; each exports a CommandModule.
import type { CommandModule } from '../command.js';
import { cacheCommand } from './cache.js';
import { imageCommand } from './image.js';
import { rootfsCommand } from './rootfs.js';
import { versionCommand } from './version.js';

export const commands: readonly CommandModule[] = [imageCommand, rootfsCommand, cacheCommand, versionCommand];
