exports.createPlugin = () => ({ validateConfig: async () => ({ ok: true }), start: async () => undefined, stop: async () => undefined });
