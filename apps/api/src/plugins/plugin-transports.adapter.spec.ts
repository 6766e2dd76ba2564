import { Writable } from 'node:stream';
import { createLogger } from '@faxbot/audit';
import { EventBus } from '../events/event-bus';
import { createPluginLogger } from './plugin-logger.adapter';
import { createScopedPluginTransports, isTransportEventType } from './plugin-transports.adapter';

function setup(): { bus: EventBus; scoped: ReturnType<typeof createScopedPluginTransports> } {
  const logger = createLogger({ level: 'silent', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  const bus = new EventBus(logger, { handlerTimeoutMs: 1000 });
  const scoped = createScopedPluginTransports(bus, { pluginId: 'acme', instanceId: 'acme-b', allowedHosts: ['127.0.0.1'], logger: createPluginLogger(logger, 'acme', 'acme-b') });
  return { bus, scoped };
}

describe('plugin transports adapter', () => {
  it.each([
    ['transport.http.request_started', true],
    ['transport.websocket.disconnected', true],
    ['transport.http.anything', false],
    ['job.completed', false],
    ['acme.transport', false],
    [42, false],
  ])('%s is a transport event type: %s', (value, expected) => {
    expect(isTransportEventType(value)).toBe(expected);
  });

  it('publishes transport events as the instance until closed, then drops them', async () => {
    const { bus, scoped } = setup();
    scoped.emit('transport.websocket.connected', { connectionId: 'c1', host: '127.0.0.1' });
    await scoped.close();
    scoped.emit('transport.websocket.disconnected', { connectionId: 'c1', code: 1001 });
    expect(bus.since(0).map((event) => [event.type, event.source])).toEqual([['transport.websocket.connected', 'acme-b']]);
  });

  it('refuses egress to an undeclared host through the scoped client, with an event on the bus', async () => {
    const { bus, scoped } = setup();
    await expect(scoped.transports.http.get('http://localhost:1/x')).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(bus.since(0).map((event) => [event.type, event.payload['errorCode']])).toEqual([['transport.http.request_failed', 'NOT_SUPPORTED']]);
    await scoped.close();
  });
});
