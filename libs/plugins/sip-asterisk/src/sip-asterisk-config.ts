/**
 * Settings of one SIP/Asterisk instance, as the host passes them (schema defaults filled in).
 * A `type`, not an `interface`, so it satisfies `Record<string, unknown>` (see the SDK reference).
 */
export type SipAsteriskConfig = {
  /** AMI host; keep it on loopback or a private network (`ASTERISK_AMI_HOST`). */
  amiHost: string;
  /** AMI TCP port (`ASTERISK_AMI_PORT`). */
  amiPort: number;
  /** AMI user from `manager.conf` (`ASTERISK_AMI_USERNAME`). */
  amiUsername: string;
  /** AMI secret (`ASTERISK_AMI_PASSWORD`); a secret field. */
  amiPassword: string;
  /** Shared secret the dialplan sends as `X-Internal-Secret` with inbound faxes; empty refuses them. */
  inboundSecret: string;
  /** Folder shared with Asterisk for fax TIFFs; empty means `<dataDir>/fax`. */
  faxDir: string;
  /** Fax station id (TSI) and CallerID of outgoing calls; empty leaves both to the dialplan. */
  stationId: string;
  /** Header line printed at the top of each sent page; empty leaves it to the dialplan. */
  headerText: string;
  /** How long the far end may ring before Asterisk gives up (the Originate `Timeout`). */
  originateTimeoutMs: number;
  /** How long to wait for Asterisk's answer to one AMI action (also connect and login). */
  actionTimeoutMs: number;
  /** Interval of the `Ping` that proves the AMI session is alive. */
  keepaliveIntervalMs: number;
  /** First reconnect delay; doubles per failed attempt. */
  reconnectMinMs: number;
  /** Longest reconnect delay. */
  reconnectMaxMs: number;
  /** Delay before logging in again after Asterisk refused the credentials. */
  authRetryMs: number;
  /** A fax with no result this long after its call was placed is failed with `PROVIDER_TIMEOUT`. */
  resultTimeoutMs: number;
};

/** The schema defaults, for tests and for `start()` with a partial configuration. */
export const DEFAULT_SIP_ASTERISK_CONFIG: Omit<SipAsteriskConfig, 'amiPassword'> = {
  amiHost: '127.0.0.1',
  amiPort: 5038,
  amiUsername: 'api',
  inboundSecret: '',
  faxDir: '',
  stationId: '',
  headerText: 'Faxbot',
  originateTimeoutMs: 60_000,
  actionTimeoutMs: 10_000,
  keepaliveIntervalMs: 30_000,
  reconnectMinMs: 1000,
  reconnectMaxMs: 30_000,
  authRetryMs: 300_000,
  resultTimeoutMs: 7_200_000,
};
