import assert from 'node:assert/strict';
import type { FaxStatus } from '../contracts/fax-status';
import { isFinalStatus } from '../contracts/fax-status';
import type { OutboundFaxPlugin, StatusResult } from '../contracts/outbound-fax-plugin';
import type { WebhookRequest, WebhookResult } from '../contracts/webhook';
import { FaxbotError } from '../errors/faxbot-error';
import type { ConformanceSimulator, OutboundConformanceHarness } from './conformance-harness';
import { jestGlobals } from './jest-globals';
import { createTestDeps, type TestDeps } from './test-deps';
import { createTestDocument, type TestDocument } from './test-document';

const DEFAULT_FINAL_STATUS_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything one suite run shares between its tests. */
interface SuiteState<TConfig> {
  simulator: ConformanceSimulator<TConfig>;
  plugin: OutboundFaxPlugin<TConfig>;
  deps: TestDeps;
  documents: TestDocument[];
  /** Destinations used, to prove none appears unmasked in logs or errors. */
  numbers: string[];
  sends: number;
}

/** Polls `getStatus` until the fax is final or the time is up; returns the last answer. */
async function pollUntilFinal<TConfig>(state: SuiteState<TConfig>, jobId: string, providerSid: string, timeoutMs: number): Promise<StatusResult> {
  const deadline = Date.now() + timeoutMs;
  let last = await state.plugin.getStatus({ jobId, providerSid });
  while (!isFinalStatus(last.status as FaxStatus) && Date.now() < deadline) {
    await sleep(POLL_INTERVAL_MS);
    last = await state.plugin.getStatus({ jobId, providerSid });
  }
  return last;
}

/** The texts that must never leak: secrets, and destinations in full (masked to the last 4 is fine). */
function forbiddenTexts<TConfig>(state: SuiteState<TConfig>): string[] {
  const digits = state.numbers.map((number) => number.replace(/\D/g, ''));
  return [...state.simulator.secrets.filter((secret) => secret.length >= 4), ...digits, ...digits.map((number) => number.slice(-10))];
}

function assertNoLeak(text: string, forbidden: string[], where: string): void {
  for (const value of forbidden) assert.ok(!text.includes(value), `${where} contains a secret or a full phone number`);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to fail');
}

function isRefusal(result: WebhookResult): boolean {
  return (result.response.status === 401 || result.response.status === 403) && (result.updates ?? []).length === 0 && (result.received ?? []).length === 0;
}

/**
 * The reusable jest suite every outbound provider plugin runs against its simulator: it checks
 * the configuration is accepted, a fax is submitted and the provider receives it, statuses map to
 * `SUCCESS` and `FAILED` (with a reason), the final status arrives by webhook or push as well as by
 * polling, genuine webhooks are accepted (duplicates too) and forged or altered ones refused,
 * provider 5xx are retryable and 4xx are not, timeouts end the call, one idempotency key transmits
 * once, and no secret or full number reaches an error or a log line. A plugin that implements
 * `cancel` is also checked to cancel a fax in progress for good (repeating it changes nothing) and
 * to refuse, with a permanent error, to cancel a finished one; the others get no cancel tests.
 *
 * Call it at the top level of a spec file.
 *
 * @example
 * describeOutboundConformance({
 *   pluginId: 'acme',
 *   createPlugin,
 *   startSimulator: async () => adaptAcmeSimulator(await startAcmeSimulator()),
 * });
 */
export function describeOutboundConformance<TConfig>(harness: OutboundConformanceHarness<TConfig>): void {
  const { describe, it, beforeAll, afterAll } = jestGlobals();
  const finalMs = harness.finalStatusTimeoutMs ?? DEFAULT_FINAL_STATUS_TIMEOUT_MS;
  const testMs = finalMs * 2 + 10_000;
  let state: SuiteState<TConfig> | null = null;
  const current = (): SuiteState<TConfig> => {
    assert.ok(state !== null, 'the conformance suite did not start');
    return state;
  };

  const send = async (to: string, key?: string): Promise<{ jobId: string; providerSid: string; status: string }> => {
    const suite = current();
    suite.sends += 1;
    const jobId = `conformance-${suite.sends}`;
    const document = createTestDocument();
    suite.documents.push(document);
    suite.numbers.push(to);
    const result = await suite.plugin.send({ jobId, to, document, idempotencyKey: key ?? `${jobId}-1` });
    return { jobId, providerSid: result.providerSid, status: result.status };
  };

  const cancelOf = (suite: SuiteState<TConfig>): NonNullable<OutboundFaxPlugin<TConfig>['cancel']> => {
    const cancel = suite.plugin.cancel;
    assert.ok(cancel !== undefined, 'the plugin no longer implements cancel');
    return cancel.bind(suite.plugin);
  };

  const describeCancel = (): void => {
    it('cancels a fax in progress for good, and a repeated cancel changes nothing', async () => {
      const suite = current();
      const cancel = cancelOf(suite);
      const sent = await send(suite.simulator.numbers.slow);
      await cancel({ jobId: sent.jobId, providerSid: sent.providerSid });
      await cancel({ jobId: sent.jobId, providerSid: sent.providerSid });
      const final = await pollUntilFinal(suite, sent.jobId, sent.providerSid, finalMs);
      assert.equal(final.status, 'cancelled', 'a cancelled fax must end cancelled');
    }, testMs);

    it('refuses to cancel a finished fax with a permanent error, and its outcome stands', async () => {
      const suite = current();
      const cancel = cancelOf(suite);
      const sent = await send(suite.simulator.numbers.delivered);
      assert.equal((await pollUntilFinal(suite, sent.jobId, sent.providerSid, finalMs)).status, 'SUCCESS');
      const error = await rejection(cancel({ jobId: sent.jobId, providerSid: sent.providerSid }));
      assert.ok(FaxbotError.is(error), 'a refused cancel must be a FaxbotError');
      assert.equal(error.retryable, false, 'a refused cancel must not be retryable: retrying cannot change a finished fax');
      assert.notEqual(error.code, 'PROVIDER_TIMEOUT');
      assertNoLeak(error.message, forbiddenTexts(suite), 'the refusal');
      assert.equal((await suite.plugin.getStatus({ jobId: sent.jobId, providerSid: sent.providerSid })).status, 'SUCCESS', 'a refused cancel must leave the outcome');
    }, testMs);
  };

  describe(`${harness.pluginId}: outbound provider conformance`, () => {
    beforeAll(async () => {
      const simulator = await harness.startSimulator();
      const plugin = harness.createPlugin();
      const deps = createTestDeps({ pluginId: harness.pluginId, publicUrl: simulator.publicUrl });
      state = { simulator, plugin, deps, documents: [], numbers: [], sends: 0 };
      const validation = await plugin.validateConfig(simulator.config);
      assert.deepEqual(validation, { ok: true }, 'the simulator configuration must be valid');
      await plugin.start(simulator.config, deps);
    }, testMs);

    afterAll(async () => {
      if (state === null) return;
      await state.plugin.stop();
      await Promise.all(state.documents.map((document) => document.close()));
      await state.simulator.close();
    }, testMs);

    it('reports itself healthy once connected to the provider', async () => {
      const { plugin } = current();
      if (plugin.health === undefined) return;
      const deadline = Date.now() + finalMs;
      let health = await plugin.health();
      while (health.status !== 'ok' && Date.now() < deadline) {
        await sleep(POLL_INTERVAL_MS);
        health = await plugin.health();
      }
      assert.equal(health.status, 'ok', `health stayed ${health.status}: ${health.detail ?? ''}`);
    }, testMs);

    it('submits a fax that the provider receives for the right number', async () => {
      const suite = current();
      const sent = await send(suite.simulator.numbers.delivered);
      assert.equal(typeof sent.providerSid, 'string');
      assert.ok(sent.providerSid.length > 0, 'providerSid must not be empty');
      assert.ok(['in_progress', 'SUCCESS'].includes(sent.status), `a fresh send reports in_progress (got ${sent.status})`);
      const seen = suite.simulator.receivedFax(sent.providerSid);
      assert.ok(seen !== null, 'the simulator has no fax under the returned providerSid');
      assert.equal(seen.to, suite.simulator.numbers.delivered);
      assert.ok(seen.documentBytes > 0, 'the provider received no document bytes');
    }, testMs);

    it('maps a delivered fax to SUCCESS when polled', async () => {
      const suite = current();
      const sent = await send(suite.simulator.numbers.delivered);
      const final = await pollUntilFinal(suite, sent.jobId, sent.providerSid, finalMs);
      assert.equal(final.status, 'SUCCESS');
    }, testMs);

    it('maps a failing line to FAILED with a code and a reason free of PHI and secrets', async () => {
      const suite = current();
      const sent = await send(suite.simulator.numbers.failed);
      const final = await pollUntilFinal(suite, sent.jobId, sent.providerSid, finalMs);
      assert.equal(final.status, 'FAILED');
      assert.ok(typeof final.errorCode === 'string' && final.errorCode.length > 0, 'FAILED needs an errorCode');
      assert.ok(typeof final.error === 'string' && final.error.length > 0, 'FAILED needs a reason');
      assertNoLeak(final.error, forbiddenTexts(suite), 'the failure reason');
    }, testMs);

    it('delivers the final status through its webhook or push channel, and a duplicate changes nothing', async () => {
      const suite = current();
      const sent = await send(suite.simulator.numbers.delivered);
      if (suite.simulator.statusDelivery === 'push') {
        const update = await suite.deps.waitForStatus((report) => report.providerSid === sent.providerSid && isFinalStatus(report.status), finalMs);
        assert.equal(update.status, 'SUCCESS');
        return;
      }
      assert.ok(suite.simulator.takeCallback !== undefined, 'a webhook provider must implement takeCallback');
      assert.ok(suite.plugin.handleWebhook !== undefined, 'a webhook provider must implement handleWebhook');
      const callback = await suite.simulator.takeCallback(sent.providerSid, finalMs);
      for (const attempt of ['first delivery', 'duplicate delivery']) {
        const result = await suite.plugin.handleWebhook(callback);
        assert.ok(result.response.status >= 200 && result.response.status < 300, `${attempt} answered ${result.response.status}`);
        const updates = (result.updates ?? []).filter((update) => update.providerSid === sent.providerSid);
        assert.deepEqual(updates.map((update) => update.status), ['SUCCESS'], `${attempt} must report SUCCESS once`);
      }
    }, testMs);

    it('accepts a genuine webhook and refuses forged or altered ones', async () => {
      const suite = current();
      assert.ok(suite.plugin.handleWebhook !== undefined, 'the plugin must implement handleWebhook');
      let genuine: WebhookRequest;
      if (suite.simulator.genuineWebhook !== undefined) {
        genuine = await suite.simulator.genuineWebhook();
      } else {
        assert.ok(suite.simulator.takeCallback !== undefined, 'give genuineWebhook or takeCallback');
        const sent = await send(suite.simulator.numbers.delivered);
        genuine = await suite.simulator.takeCallback(sent.providerSid, finalMs);
      }
      const accepted = await suite.plugin.handleWebhook(genuine);
      assert.ok(accepted.response.status >= 200 && accepted.response.status < 300, `the genuine webhook was answered ${accepted.response.status}`);
      const forgeries = suite.simulator.forge(genuine);
      assert.ok(forgeries.length > 0, 'forge() must give at least one forged request');
      for (const forged of forgeries) {
        const result = await suite.plugin.handleWebhook(forged.request);
        assert.ok(isRefusal(result), `"${forged.name}" was answered ${result.response.status} with ${(result.updates ?? []).length} updates; expected a 401/403 refusal`);
        assertNoLeak(JSON.stringify(result.response.body ?? ''), forbiddenTexts(suite), `the answer to "${forged.name}"`);
      }
    }, testMs);

    it('turns a provider 5xx into a retryable error without secrets', async () => {
      const suite = current();
      suite.simulator.failNextSend('server_error');
      const error = await rejection(send(suite.simulator.numbers.delivered));
      assert.ok(FaxbotError.is(error), 'a provider 5xx must be a FaxbotError');
      assert.equal(error.retryable, true, 'a provider 5xx must be retryable');
      assertNoLeak(error.message, forbiddenTexts(suite), 'the error message');
    }, testMs);

    it('turns a provider 4xx into a permanent error without secrets', async () => {
      const suite = current();
      suite.simulator.failNextSend('client_error');
      const error = await rejection(send(suite.simulator.numbers.delivered));
      assert.ok(FaxbotError.is(error), 'a provider 4xx must be a FaxbotError');
      assert.equal(error.retryable, false, 'a provider 4xx must not be retryable');
      assertNoLeak(error.message, forbiddenTexts(suite), 'the error message');
    }, testMs);

    it('gives up on a provider that never answers, leaving the outcome to a retry', async () => {
      const suite = current();
      suite.simulator.failNextSend('timeout');
      const error = await rejection(send(suite.simulator.numbers.delivered));
      assert.ok(FaxbotError.is(error), 'a timeout must be a FaxbotError');
      assert.ok(error.retryable || error.code === 'PROVIDER_TIMEOUT', `a timeout must not fail the fax for good (got ${error.code})`);
      assertNoLeak(error.message, forbiddenTexts(suite), 'the error message');
    }, testMs);

    it('transmits once per idempotency key', async () => {
      const suite = current();
      const key = `conformance-key-${Date.now()}`;
      const first = await send(suite.simulator.numbers.delivered, key);
      const second = await send(suite.simulator.numbers.delivered, key);
      assert.equal(second.providerSid, first.providerSid, 'a repeated key must return the fax already sent');
    }, testMs);

    // Only for plugins that declare cancel by implementing it; the others get no cancel tests at all.
    if (typeof harness.createPlugin().cancel === 'function') describeCancel();

    it('never logs a secret or a full phone number', () => {
      const suite = current();
      assert.ok(suite.numbers.length > 0);
      assertNoLeak(JSON.stringify(suite.deps.logLines), forbiddenTexts(suite), 'the plugin log');
    });

    it('stops, and a second stop is harmless', async () => {
      const { plugin } = current();
      await plugin.stop();
      await plugin.stop();
    }, testMs);
  });
}
