// Runs the CLI from source (through tsx) for e2e tests that need a separate agent process.
import { main } from '../../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
