export * from './phaxio';
export * from './sinch';
export * from './asterisk';
export { startSimulatorFromArgs, SIMULATOR_NAMES, SimulatorUsageError, type SimulatorName, type StartedSimulator } from './simulator-cli';
