// Every CLI verb, in help order. One file per verb exporting a CommandModule; listed here by name and
// loaded only when that verb runs (or for the full help), so `palisade image` never pays for the
// runtime agent's or the DB builder's imports.
import type { CommandModule } from '../command.js';

export interface CommandEntry {
  name: string;
  load(): Promise<CommandModule>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'image', load: async () => (await import('./image.js')).imageCommand },
  { name: 'rootfs', load: async () => (await import('./rootfs.js')).rootfsCommand },
  { name: 'registry', load: async () => (await import('./registry.js')).registryCommand },
  { name: 'config', load: async () => (await import('./config.js')).configCommand },
  { name: 'fs', load: async () => (await import('./fs.js')).fsCommand },
  { name: 'sbom', load: async () => (await import('./sbom.js')).sbomCommand },
  { name: 'sbom-scan', load: async () => (await import('./sbom-scan.js')).sbomScanCommand },
  { name: 'convert', load: async () => (await import('./convert.js')).convertCommand },
  { name: 'vex', load: async () => (await import('./vex.js')).vexCommand },
  { name: 'agent', load: async () => (await import('./agent.js')).agentCommand },
  { name: 'rules', load: async () => (await import('./rules.js')).rulesCommand },
  { name: 'events', load: async () => (await import('./events.js')).eventsCommand },
  { name: 'cache', load: async () => (await import('./cache.js')).cacheCommand },
  { name: 'db', load: async () => (await import('./db.js')).dbCommand },
  { name: 'version', load: async () => (await import('./version.js')).versionCommand },
];
