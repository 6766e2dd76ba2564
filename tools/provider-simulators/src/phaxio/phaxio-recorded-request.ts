import type { PhaxioRoute } from './phaxio-simulator-options';

/** One HTTP request the simulator received, as tests inspect it. */
export interface PhaxioRecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v2.1/faxes/100001`. */
  path: string;
  /** Query parameters, decoded, in order. */
  query: Array<[name: string, value: string]>;
  /** Which API call it was; `sink` for the callback sink, `unknown` for anything else. */
  route: Exclude<PhaxioRoute, 'any'> | 'sink' | 'unknown';
  /** True when it carried the right HTTP Basic credentials. */
  authorized: boolean;
  /** Text fields of its form body, in order. */
  fields: Array<{ name: string; value: string }>;
  /** File parts of its form body (sizes only). */
  files: Array<{ name: string; fileName: string | null; bytes: number }>;
  /** The HTTP status answered; null while unanswered or when never answered (timeouts, resets). */
  status: number | null;
  receivedAt: string;
}
