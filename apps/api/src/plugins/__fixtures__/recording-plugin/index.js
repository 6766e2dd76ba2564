// Test plugin that records every idempotency key it is given (in its data dir) and misbehaves
// by destination: "...9001" throws a plain Error (outcome unknown) on the first call per key.
const { appendFileSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

exports.createPlugin = () => {
  let log = '';
  return {
    validateConfig: async () => ({ ok: true }),
    start: async (_config, deps) => {
      log = join(deps.dataDir, 'keys.log');
    },
    stop: async () => undefined,
    send: async ({ to, idempotencyKey, jobId }) => {
      const seen = existsSync(log) && readFileSync(log, 'utf8').split('\n').includes(idempotencyKey);
      appendFileSync(log, `${idempotencyKey}\n`);
      if (to.endsWith('9001') && !seen) throw new Error('socket hang up');
      return { providerSid: `rec-${jobId}`, status: 'SUCCESS', pages: 2 };
    },
    getStatus: async () => ({ status: 'SUCCESS' }),
  };
};
