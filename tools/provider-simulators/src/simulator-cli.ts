import { startAmiSimulator } from './asterisk';
import { describePhaxioSimulator, startPhaxioSimulator } from './phaxio';
import { startSinchSimulator } from './sinch';

/** A simulator the CLI started: what to print, and how to stop it. */
export interface StartedSimulator {
  summary: string;
  close(): Promise<void>;
}

/** The simulators the CLI can start. */
export const SIMULATOR_NAMES = ['phaxio', 'sinch', 'asterisk'] as const;

/** One of {@link SIMULATOR_NAMES}. */
export type SimulatorName = (typeof SIMULATOR_NAMES)[number];

/** Thrown for a command line the CLI cannot run; its message is the usage help. */
export class SimulatorUsageError extends Error {}

const USAGE = `usage: provider-simulators <${SIMULATOR_NAMES.join('|')}> [--port N] [--host ADDRESS]
  Starts a provider simulator for demos and manual tests and prints the settings to give the gateway.
  Default address 127.0.0.1 and a free port. Stop it with Ctrl-C.`;

function parseArgs(argv: readonly string[]): { name: SimulatorName; port: number; host: string } {
  const [name, ...rest] = argv;
  if (name === undefined || !(SIMULATOR_NAMES as readonly string[]).includes(name)) throw new SimulatorUsageError(USAGE);
  let port = 0;
  let host = '127.0.0.1';
  for (let index = 0; index < rest.length; index += 2) {
    const flag = rest[index];
    const value = rest[index + 1];
    if (value === undefined) throw new SimulatorUsageError(USAGE);
    if (flag === '--port' && /^\d{1,5}$/.test(value) && Number(value) <= 65535) port = Number(value);
    else if (flag === '--host' && value.trim() !== '') host = value.trim();
    else throw new SimulatorUsageError(USAGE);
  }
  return { name: name as SimulatorName, port, host };
}

/**
 * Starts the simulator a command line names (`phaxio --port 4010`), for `npm run sim:<name>`.
 *
 * @example
 * const started = await startSimulatorFromArgs(['sinch', '--port', '4020']);
 * console.log(started.summary);
 */
export async function startSimulatorFromArgs(argv: readonly string[]): Promise<StartedSimulator> {
  const { name, port, host } = parseArgs(argv);
  switch (name) {
    case 'phaxio': {
      const simulator = await startPhaxioSimulator({ port, host });
      return { summary: describePhaxioSimulator(simulator), close: () => simulator.close() };
    }
    case 'sinch': {
      const simulator = await startSinchSimulator({ port, host });
      return { summary: simulator.summary(), close: () => simulator.close() };
    }
    case 'asterisk': {
      const simulator = await startAmiSimulator({ port, host });
      return { summary: simulator.summary(), close: () => simulator.close() };
    }
  }
}
