export {
  startAmiSimulator,
  type AmiSimulator,
  type AmiSimulatorOptions,
  type OriginateFailureMode,
  type RecordedAmiAction,
  type AmiOriginateRecord,
} from './ami-simulator';
export { AMI_SIMULATOR_NUMBERS, type AmiFaxLineOutcome } from './fax-line-outcomes';
export type { AmiPairs } from './ami-wire';
export type { AmiCallState } from './simulated-call';
