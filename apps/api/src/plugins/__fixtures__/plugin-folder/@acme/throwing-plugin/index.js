// A plugin whose start() rejects: the host must mark it failed and keep serving.
exports.createPlugin = () => ({
  validateConfig: async () => ({ ok: true }),
  start: async () => {
    throw new Error('cannot reach the provider');
  },
  stop: async () => undefined,
  send: async () => ({ providerSid: 'x', status: 'in_progress' }),
  getStatus: async () => ({ status: 'in_progress' }),
});
