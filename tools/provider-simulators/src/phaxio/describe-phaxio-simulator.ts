import type { PhaxioSimulator } from './phaxio-simulator';

/**
 * A printable summary of a running simulator, for a CLI banner or a failing test's output:
 * where it listens, the credentials to configure, the test numbers, timings and endpoints.
 */
export function describePhaxioSimulator(simulator: PhaxioSimulator): string {
  const { options, numbers } = simulator;
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 1000 ? 2 : 0)} s`;
  return [
    `Phaxio v2.1 simulator at ${simulator.url}`,
    '',
    'Credentials (HTTP Basic on every API call; the token signs X-Phaxio-Signature):',
    `  PHAXIO_BASE_URL=${simulator.url}`,
    `  PHAXIO_API_KEY=${simulator.apiKey}`,
    `  PHAXIO_API_SECRET=${simulator.apiSecret}`,
    `  PHAXIO_WEBHOOK_TOKEN=${simulator.webhookToken}`,
    '',
    'Test numbers (the outcome depends on the last four digits):',
    `  ${numbers.delivered}  ...0000 delivered (success); any other ending is delivered too`,
    `  ${numbers.busy}  ...0001 busy (failure, lineError 17)`,
    `  ${numbers.noAnswer}  ...0002 no answer (failure, lineError 112)`,
    `  ${numbers.slow}  ...0003 slow line (inprogress for ${seconds(options.slowLineMs)}, then success)`,
    `  ${numbers.faxError}  ...0004 fax protocol error (failure, faxError 8)`,
    `  ${numbers.notOperational}  ...0005 number not operational (failure, lineError 34)`,
    '',
    `Timings: queued ${seconds(options.queuedMs)}, in progress ${seconds(options.inProgressMs)}; answers delayed ${options.responseDelayMs} ms.`,
    `Callbacks: signed multipart POST to callback_url${options.defaultCallbackUrl === null ? '' : ` (default ${options.defaultCallbackUrl})`}; ` +
      `${options.duplicateCallbacks} duplicate(s) each; in-flight events ${options.inflightCallbacks ? 'on' : 'off'}${options.outOfOrderCallbacks ? ', delivered after the final one' : ''}.`,
    `Callback sink (answers 200 to anything): ${simulator.callbackSinkUrl}`,
    '',
    'Endpoints: POST /v2.1/faxes, GET /v2.1/faxes[?tag[NAME]=VALUE], GET /v2.1/faxes/{id},',
    '           POST /v2.1/faxes/{id}/cancel, GET /v2.1/faxes/{id}/file',
  ].join('\n');
}
