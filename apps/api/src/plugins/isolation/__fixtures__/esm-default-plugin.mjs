// An ES module whose factory sits on the default export, as some bundlers emit it.
class EsmPlugin {
  async validateConfig() {
    return { ok: true };
  }
  async start() {}
  async stop() {}
  async send(options) {
    return { providerSid: `esm-${options.idempotencyKey}`, status: 'in_progress' };
  }
  async getStatus() {
    return { status: 'SUCCESS', pages: 1 };
  }
  async handleWebhook(request) {
    return { response: { status: 200, body: { bytes: request.rawBody.length, isBuffer: Buffer.isBuffer(request.rawBody) } } };
  }
}

export default { createPlugin: () => new EsmPlugin() };
