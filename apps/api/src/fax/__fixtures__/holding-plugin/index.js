// Test provider for the cancel endpoint: a fax it accepts stays in progress until it is cancelled
// or a webhook reports something else. The destination's last four digits pick how `cancel` and
// `send` behave:
//   ...7001  cancel is refused (NOT_SUPPORTED, as for a fax that has finished)
//   ...7002  cancel cannot reach the provider (retryable PROVIDER_UNAVAILABLE)
//   ...7003  send waits until the file `release-<jobId>` appears in the data dir
// Webhooks: a JSON body `{ providerSid, status }` is reported as a status update, unverified.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

// A FaxbotError as the SDK brands it, without loading the SDK from a fixture folder.
function faxbotError(code, message, retryable) {
  const error = Object.assign(new Error(message), { name: 'FaxbotError', code, retryable });
  Object.defineProperty(error, Symbol.for('faxbot.FaxbotError'), { value: true });
  return error;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.createPlugin = () => {
  let dataDir = '';
  const faxes = new Map();
  return {
    validateConfig: async () => ({ ok: true }),
    start: async (_config, deps) => {
      dataDir = deps.dataDir;
    },
    stop: async () => undefined,
    send: async ({ to, jobId, signal }) => {
      const suffix = to.slice(-4);
      if (suffix === '7003') {
        while (!existsSync(join(dataDir, `release-${jobId}`))) {
          if (signal && signal.aborted) throw faxbotError('PROVIDER_UNAVAILABLE', 'holding: shutting down', true);
          await sleep(20);
        }
      }
      const providerSid = `hold-${suffix}-${jobId}`;
      faxes.set(providerSid, 'in_progress');
      return { providerSid, status: 'in_progress' };
    },
    getStatus: async ({ providerSid }) => ({ status: faxes.get(providerSid) || 'in_progress' }),
    cancel: async ({ providerSid }) => {
      if (providerSid.startsWith('hold-7001-')) throw faxbotError('NOT_SUPPORTED', 'holding: the fax has already finished', false);
      if (providerSid.startsWith('hold-7002-')) throw faxbotError('PROVIDER_UNAVAILABLE', 'holding: provider unreachable', true);
      faxes.set(providerSid, 'cancelled');
    },
    handleWebhook: async (request) => {
      const update = JSON.parse(request.rawBody.toString('utf8'));
      return { response: { status: 200, body: { ok: true } }, updates: [update] };
    },
  };
};
