// A plugin that allocates until its heap limit is hit.
exports.createPlugin = () => ({
  async validateConfig() {
    return { ok: true };
  },
  async start() {},
  async stop() {},
  async send() {
    throw new Error('unreachable');
  },
  async getStatus() {
    const hoard = [];
    for (;;) hoard.push(new Array(100_000).fill({ grow: hoard.length }));
  },
});
