import { createServer } from 'node:net';
import { createFaxbotClient } from '@faxbot/api-client';
import { startPhaxioSimulator, type PhaxioSimulator } from '@faxbot/provider-simulators';
import { startFaxbotApi, type RunningApi } from './faxbot-api.test-helpers';

/** The receiving number and the caller of the faxes the simulator delivers. */
export const INBOUND_TO = '+15550001111';
export const INBOUND_FROM = '+15557778888';

/** A real API with the Phaxio plugin, wired to a Phaxio simulator that can deliver received faxes. */
export interface InboundApi {
  api: RunningApi;
  sim: PhaxioSimulator;
  /** Delivers `pdf` as a received fax and waits until the API lists it; resolves with its id. */
  deliver(pdf: Buffer): Promise<string>;
  /** Creates an API key with only these scopes (for "no scope" tests). */
  createKey(scopes: string[]): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the API on a port chosen first. The API binds it only after booting (seconds on a loaded
 * machine), and any process asking the kernel for a port meanwhile may be handed the same one; the
 * API then exits with EADDRINUSE, and it is started again on another port.
 */
async function startOnFreePort(start: (port: number) => Promise<RunningApi>): Promise<RunningApi> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (attempt === 5 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

/**
 * Starts the Phaxio simulator and the API (`FAX_BACKEND=phaxio`) on a port chosen first, so that
 * `PUBLIC_API_URL` — which the webhook signature covers — is known before the API starts.
 */
export async function startInboundApi(options: { inboundEnabled: boolean }): Promise<InboundApi> {
  const sim = await startPhaxioSimulator({ queuedMs: 50, inProgressMs: 150 });
  let api: RunningApi;
  try {
    api = await startOnFreePort((port) =>
      startFaxbotApi({
        PORT: String(port),
        PUBLIC_API_URL: `http://127.0.0.1:${port}`,
        FAX_BACKEND: 'phaxio',
        PHAXIO_API_KEY: sim.apiKey,
        PHAXIO_API_SECRET: sim.apiSecret,
        PHAXIO_WEBHOOK_TOKEN: sim.webhookToken,
        PHAXIO_BASE_URL: sim.url,
        INBOUND_ENABLED: String(options.inboundEnabled),
      }),
    );
  } catch (error) {
    await sim.close();
    throw error;
  }
  const client = createFaxbotClient({ baseUrl: api.url, apiKey: api.apiKey, timeoutMs: 10_000 });
  return {
    api,
    sim,
    async deliver(pdf) {
      const before = options.inboundEnabled ? new Set((await client.listInbound({ limit: 100 })).items.map((fax) => fax.id)) : new Set<string>();
      const delivery = await sim.deliverInbound({ url: `${api.url}/webhooks/phaxio/inbound`, to: INBOUND_TO, from: INBOUND_FROM, pdf });
      if (delivery.responseStatus !== 200) throw new Error(`the API answered the inbound webhook with ${delivery.responseStatus}`);
      if (!options.inboundEnabled) return '';
      const deadline = Date.now() + 20_000;
      for (;;) {
        const added = (await client.listInbound({ limit: 100 })).items.find((fax) => !before.has(fax.id));
        if (added) return added.id;
        if (Date.now() > deadline) throw new Error('the delivered fax was not listed within 20 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async createKey(scopes) {
      const response = await fetch(`${api.url}/admin/api-keys`, {
        method: 'POST',
        headers: { 'X-API-Key': api.apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'mcp test', scopes }),
      });
      if (response.status !== 200 && response.status !== 201) throw new Error(`POST /admin/api-keys answered ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    async stop() {
      await api.stop();
      await sim.close();
    },
  };
}

/** A PDF unlike any other in the tests, of about `size` bytes (binary comment lines), so equal bytes mean something. */
export function receivedPdf(size = 2_000, seed = 1): Buffer {
  const head = Buffer.from(
    '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n',
    'latin1',
  );
  const tail = Buffer.from('trailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  const lines: Buffer[] = [];
  let remaining = Math.max(0, size - head.length - tail.length);
  let state = seed;
  while (remaining > 2) {
    const length = Math.min(64, remaining) - 2;
    const line = Buffer.alloc(length + 2);
    line[0] = 0x25; // '%': a comment line
    for (let index = 1; index <= length; index += 1) {
      state = (state * 1103515245 + 12345) >>> 0;
      line[index] = 0x80 + (state >>> 24) % 0x80; // high bytes: never a line break
    }
    line[length + 1] = 0x0a;
    lines.push(line);
    remaining -= line.length;
  }
  return Buffer.concat([head, ...lines, tail]);
}
