#!/usr/bin/env node
import { SimulatorUsageError, startSimulatorFromArgs } from './simulator-cli';

// Entry of `npm run sim:<name>`: start, print the settings, run until Ctrl-C.
startSimulatorFromArgs(process.argv.slice(2)).then(
  (started) => {
    process.stdout.write(`${started.summary}\n\nRunning; press Ctrl-C to stop.\n`);
    const stop = (): void => void started.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof SimulatorUsageError ? error.message : `could not start the simulator: ${String(error)}`}\n`);
    process.exit(2);
  },
);
