import { SINCH_TEST_NUMBERS } from './sinch-destinations';
import type { SinchSimulatorSettings } from './sinch-simulator.state';

/** What the summary shows. */
export interface SinchSummaryFacts {
  url: string;
  authUrl: string;
  settings: SinchSimulatorSettings;
  faxes: number;
  tokensIssued: number;
}

/**
 * A printable description of a running simulator, for a CLI wrapper: where it listens, which
 * project and key id to configure, and the test numbers. The key secret is never printed; a
 * wrapper that needs it reads `keySecret` from the handle (or sets it through the options).
 */
export function formatSinchSummary(facts: SinchSummaryFacts): string {
  const numbers = Object.entries(SINCH_TEST_NUMBERS).map(([suffix, outcome]) => {
    if (outcome.kind === 'failed') return `  …${suffix}  FAILURE ${outcome.failure.errorType} ${outcome.failure.errorCode} (${outcome.failure.errorMessage})`;
    if (outcome.kind === 'slow') return `  …${suffix}  IN_PROGRESS for ${facts.settings.slowMs} ms, then COMPLETED`;
    return `  …${suffix}  COMPLETED`;
  });
  return [
    'Sinch Fax API v3 simulator',
    `  fax API:      ${facts.url}/projects/${facts.settings.projectId}/faxes`,
    `  base URL:     ${facts.url}`,
    `  token URL:    ${facts.authUrl}`,
    `  project id:   ${facts.settings.projectId}`,
    `  key id:       ${facts.settings.keyId}`,
    `  token TTL:    ${facts.settings.tokenTtlSeconds} s`,
    `  progress:     QUEUED ${facts.settings.queuedMs} ms, IN_PROGRESS ${facts.settings.inProgressMs} ms`,
    `  faxes so far: ${facts.faxes}; tokens issued: ${facts.tokensIssued}`,
    'Test numbers (last four digits; anything else is delivered):',
    ...numbers,
  ].join('\n');
}
