export { startSinchSimulator } from './start-sinch-simulator';
export type {
  SinchSimulator,
  SinchSimulatorOptions,
  SinchSendFailure,
  SinchInboundDelivery,
  RecordedSinchRequest,
} from './sinch-simulator.types';
export type { RecordedSinchCallback } from './sinch-callback.sender';
export type { SinchCallbackEvent } from './build-sinch-callback';
export type { SimulatedSinchFax, SinchFaxStatus, SinchErrorType, SinchFailure } from './sinch-fax';
export type { SinchAuthKind } from './sinch-token.issuer';
export { SINCH_TEST_NUMBERS, type SinchDestinationOutcome } from './sinch-destinations';
