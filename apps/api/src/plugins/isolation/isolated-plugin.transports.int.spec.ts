import { FaxbotError } from '@faxbot/plugin-sdk';
import { createTestDeps } from '@faxbot/plugin-sdk/testing';
import type { TransportEventType } from '@faxbot/transports';
import { startHttpPeer, startWebSocketPeer, type HttpPeer, type WebSocketPeer } from '../loopback-peers.test-helpers';
import { TIERS, fixture, startIsolated, waitFor, type Started } from './isolation.test-helpers';

describe.each(TIERS)('isolated plugin transports (%s tier)', (tier) => {
  let http: HttpPeer;
  let ws: WebSocketPeer;
  let running: Started | null = null;
  const events: Array<{ type: TransportEventType; payload: Record<string, unknown> }> = [];

  beforeAll(async () => {
    [http, ws] = await Promise.all([startHttpPeer(), startWebSocketPeer()]);
  });
  afterAll(async () => {
    await Promise.all([http.close(), ws.close()]);
  });
  afterEach(async () => {
    await running?.plugin.stop();
    running = null;
    events.length = 0;
  });

  const start = async (config: Record<string, unknown> = {}): Promise<Started> => {
    const deps = createTestDeps({ pluginId: 'echo' });
    running = await startIsolated(tier, fixture('transport-plugin.js'), {
      deps,
      config,
      allowedHosts: ['127.0.0.1'],
      transportEvents: (type, payload) => void events.push({ type, payload: { ...payload } }),
    });
    return running;
  };

  it('reaches a declared host from the child and relays its transport events to the host', async () => {
    const { plugin } = await start();
    const before = http.requests.length;
    await expect(plugin.getStatus({ jobId: 'j1', providerSid: `${http.origin}/v1/faxes/42` })).resolves.toEqual({ status: 'SUCCESS', pages: 3 });
    expect(http.requests.slice(before)).toEqual(['GET /v1/faxes/42']);
    await waitFor(() => events.some((event) => event.type === 'transport.http.request_completed'));
    expect(events.map((event) => event.type)).toEqual(['transport.http.request_started', 'transport.http.request_completed']);
    expect(events[1]?.payload).toMatchObject({ method: 'GET', host: '127.0.0.1', status: 200 });
  });

  it('refuses a host the manifest does not declare, in the child, and the log line carries no PHI', async () => {
    const { plugin, deps } = await start();
    const before = http.requests.length;
    const error = await plugin.getStatus({ jobId: 'j2', providerSid: `http://localhost:${http.port}/v1/numbers/+15551234567?to=5551234567` }).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && [error.code, error.retryable]).toEqual(['NOT_SUPPORTED', false]);
    expect(http.requests.length).toBe(before);
    await waitFor(() => (deps.logLines ?? []).some((line) => line.message === 'egress refused'));
    expect(deps.logLines?.find((line) => line.message === 'egress refused')?.fields).toEqual({ transport: 'http', host: 'localhost', port: http.port, reason: 'host not declared' });
    expect(JSON.stringify(deps.logLines)).not.toContain('5551234567');
    // No attempt went out, so no request_started: only the failure, naming the host and never the path.
    await waitFor(() => events.length > 0);
    expect(events).toEqual([{ type: 'transport.http.request_failed', payload: expect.objectContaining({ method: 'GET', host: 'localhost', errorCode: 'NOT_SUPPORTED' }) }]);
  });

  it('closes the child’s WebSocket when the plugin stops', async () => {
    const { plugin } = await start({ wsUrl: `${ws.origin}/events` });
    const index = ws.sockets.length - 1;
    await waitFor(() => events.some((event) => event.type === 'transport.websocket.connected'));
    expect(ws.closedByClient.has(index)).toBe(false);
    await plugin.stop();
    running = null;
    await waitFor(() => ws.closedByClient.has(index));
    // 1001 "going away": the host ended the connection, not the plugin.
    expect(ws.closedByClient.get(index)).toBe(1001);
  });
});
