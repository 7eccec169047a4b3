import { VERSION } from '../../version.js';
import type { CommandModule } from '../command.js';

export const versionCommand: CommandModule = {
  name: 'version',
  register(program, { io }) {
    program
      .command('version')
      .description('print the scanner version')
      .action(() => {
        io.stdout.write(`palisade ${VERSION}\n`);
      });
  },
};
