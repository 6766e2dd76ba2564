import { join } from 'node:path';
import { rmSync } from 'node:fs';
import request from 'supertest';
import type { FaxbotEvent } from '@faxbot/plugin-sdk';
import { EventBus } from '../events/event-bus';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.test-helpers';
import { writeAllowlist, writeTempPlugins } from '../testing/temp-plugins.test-helpers';
import { startHttpPeer, startWebSocketPeer, type HttpPeer, type WebSocketPeer } from './loopback-peers.test-helpers';

// start() calls the provider through deps.http; the path and query carry a phone number on purpose.
const HTTP_PROBE_JS = `
exports.createPlugin = () => ({
  validateConfig: async () => ({ ok: true }),
  start: async (config, deps) => {
    await deps.http.get(config.baseUrl + '/v1/numbers/+15551234567?to=5551234567', { retry: false });
  },
  stop: async () => undefined,
  send: async () => { throw new Error('not used'); },
  getStatus: async () => ({ status: 'SUCCESS' }),
});
`;

// start() keeps a WebSocket to the provider: subscribes on every open, announces every message as an event.
const WS_PROBE_JS = `
exports.createPlugin = () => ({
  validateConfig: async () => ({ ok: true }),
  start: async (config, deps) => {
    const id = await deps.websockets.connect(config.wsUrl, { heartbeat: false, reconnect: { baseDelayMs: 20, maxDelayMs: 100 } });
    deps.websockets.subscribe(id, 'open', () => deps.websockets.send(id, 'subscribe'));
    deps.websockets.subscribe(id, 'message', ({ data }) => deps.events.emit('wsprobe.received', { messageId: String(data) }));
  },
  stop: async () => undefined,
  send: async () => { throw new Error('not used'); },
  getStatus: async () => ({ status: 'SUCCESS' }),
});
`;

const manifest = (id: string, setting: string): Record<string, unknown> => ({
  manifestVersion: 1,
  id,
  kind: 'backend',
  apiVersion: 1,
  entry: './index.js',
  categories: ['outbound'],
  requirements: { network: ['127.0.0.1'] },
  configSchema: { type: 'object', properties: { [setting]: { type: 'string' } } },
});

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('deps.http and deps.websockets of in-process plugins', () => {
  let t: TestGateway;
  let root: string;
  let bus: EventBus;
  let http: HttpPeer;
  let ws: WebSocketPeer;

  beforeAll(async () => {
    [http, ws] = await Promise.all([startHttpPeer(), startWebSocketPeer()]);
    const written = writeTempPlugins([
      { name: 'faxbot-plugin-probe', faxbot: manifest('probe', 'baseUrl'), files: { 'index.js': HTTP_PROBE_JS } },
      { name: 'faxbot-plugin-wsprobe', faxbot: manifest('wsprobe', 'wsUrl'), files: { 'index.js': WS_PROBE_JS } },
    ]);
    root = written.root;
    const allowlist = writeAllowlist(root, [
      { name: 'faxbot-plugin-probe', id: 'probe' },
      { name: 'faxbot-plugin-wsprobe', id: 'wsprobe' },
    ]);
    t = await startTestGateway('sqlite', {
      FAXBOT_PLUGIN_PATH: written.nodeModules,
      FAXBOT_ALLOWLIST_PATH: allowlist,
      FEATURE_V3_PLUGINS: 'true',
      FAXBOT_CONFIG_PATH: join(root, 'faxbot.config.json'),
    });
    bus = t.gateway.container.get(EventBus);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([http.close(), ws.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  const configure = (id: string, body: Record<string, unknown>): request.Test => request(t.app).put(`/plugins/${id}/config`).set('X-API-Key', t.apiKey).send(body);
  const plugin = async (id: string): Promise<Record<string, unknown>> => (await request(t.app).get(`/plugins/${id}`).set('X-API-Key', t.apiKey)).body as Record<string, unknown>;
  const eventsFrom = (source: string, prefix: string): FaxbotEvent[] => bus.since(0).filter((event) => event.source === source && event.type.startsWith(prefix));

  it('lets a plugin reach a host its manifest declares, with transport events on the bus', async () => {
    expect((await configure('probe', { settings: { baseUrl: http.origin } })).status).toBe(200);
    expect(await plugin('probe')).toMatchObject({ state: 'running', reason: null });
    expect(http.requests).toEqual(['GET /v1/numbers/+15551234567?to=5551234567']);
    const events = eventsFrom('probe', 'transport.http.');
    expect(events.map((event) => event.type)).toEqual(['transport.http.request_started', 'transport.http.request_completed']);
    expect(events[1]?.payload).toMatchObject({ method: 'GET', host: '127.0.0.1', status: 200 });
  });

  it('refuses a host the manifest does not declare before connecting, and logs it without PHI', async () => {
    const before = http.requests.length;
    expect((await configure('probe', { settings: { baseUrl: `http://localhost:${http.port}` } })).status).toBe(200);
    const body = await plugin('probe');
    expect(body['state']).toBe('failed');
    expect(String(body['reason'])).toContain(`egress to localhost:${http.port} refused`);
    expect(http.requests.length).toBe(before);
    const failed = eventsFrom('probe', 'transport.http.request_failed').at(-1);
    expect(failed?.payload).toMatchObject({ host: 'localhost', errorCode: 'NOT_SUPPORTED' });
    const refusal = t.logs().split('\n').find((line) => line.includes('egress refused'));
    expect(refusal).toBeDefined();
    expect(JSON.parse(refusal as string)).toMatchObject({ plugin: 'probe', instance: 'probe', host: 'localhost', port: http.port, reason: 'host not declared' });
    expect(t.logs()).not.toContain('5551234567');
  });

  it('keeps a WebSocket through a server drop, resumes its subscription, and closes it when the plugin stops', async () => {
    const received = (): string[] => eventsFrom('wsprobe', 'wsprobe.received').map((event) => String(event.payload['messageId']));
    expect((await configure('wsprobe', { settings: { wsUrl: `${ws.origin}/events` } })).status).toBe(200);
    expect(await plugin('wsprobe')).toMatchObject({ state: 'running' });
    await until(() => received().length === 1, 'the first message');

    ws.sockets[0]?.terminate();
    await until(() => received().length === 2, 'a message after the reconnect');
    expect(received()).toEqual(['m1', 'm2']);
    expect(ws.sockets).toHaveLength(2);
    const types = eventsFrom('wsprobe', 'transport.websocket.').map((event) => event.type);
    expect(types.filter((type) => type === 'transport.websocket.connected')).toHaveLength(2);
    expect(types).toContain('transport.websocket.disconnected');
    expect(types.filter((type) => type === 'transport.websocket.message_received')).toHaveLength(2);

    expect((await configure('wsprobe', { enabled: false })).status).toBe(200);
    await until(() => ws.closedByClient.has(1), 'the client to close its connection');
    expect(ws.closedByClient.get(1)).toBe(1001);
    expect(await plugin('wsprobe')).toMatchObject({ state: 'stopped' });
  });
});
