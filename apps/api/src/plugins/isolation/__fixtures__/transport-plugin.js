// Test plugin for the isolated tiers' transports: getStatus fetches the URL it is given as
// providerSid with deps.http (so a test picks an allowed or a refused host); start opens a
// WebSocket to config.wsUrl when there is one and keeps it until the host stops the plugin.
exports.createPlugin = () => {
  let deps;
  return {
    validateConfig: async () => ({ ok: true }),
    start: async (config, d) => {
      deps = d;
      if (config.wsUrl) {
        const id = await deps.websockets.connect(config.wsUrl, { heartbeat: false, reconnect: { baseDelayMs: 20, maxDelayMs: 100 } });
        deps.websockets.subscribe(id, 'open', () => deps.websockets.send(id, 'subscribe'));
      }
    },
    stop: async () => undefined,
    send: async () => {
      throw new Error('not used');
    },
    getStatus: async ({ providerSid }) => {
      const response = await deps.http.get(providerSid, { retry: false });
      return { status: 'SUCCESS', pages: response.data.pages };
    },
  };
};
