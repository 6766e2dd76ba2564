// A plugin whose start() always rejects, for "a failed first start is reported, not restarted".
const { FaxbotError } = require('@faxbot/plugin-sdk');

exports.createPlugin = () => ({
  async validateConfig() {
    return { ok: true };
  },
  async start() {
    throw new FaxbotError('PROVIDER_AUTH_FAILED', 'credentials refused');
  },
  async stop() {},
  async send() {
    throw new Error('unreachable');
  },
  async getStatus() {
    throw new Error('unreachable');
  },
});
