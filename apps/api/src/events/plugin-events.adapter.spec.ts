import { createLogger } from '@faxbot/audit';
import { FaxbotError, type FaxbotEvent } from '@faxbot/plugin-sdk';
import { EventBus } from './event-bus';
import { createPluginEvents } from './plugin-events.adapter';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function codeOf(action: () => void): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return FaxbotError.is(error) ? error.code : 'not a FaxbotError';
  }
}

describe('createPluginEvents', () => {
  const bus = (): EventBus => new EventBus(createLogger({ level: 'silent' }), { handlerTimeoutMs: 1000 });

  it('lets a plugin hear core events and emit its own, with the instance as source', async () => {
    const shared = bus();
    const acme = createPluginEvents(shared, { pluginId: 'acme', instanceId: 'acme-b' });
    const other = createPluginEvents(shared, { pluginId: 'other', instanceId: 'other' });
    const heard: FaxbotEvent[] = [];
    acme.events.on('job.created', (event) => void heard.push(event));
    other.events.on('acme.verified', (event) => void heard.push(event));
    shared.emit('job.created', { jobId: 'j1', backend: 'acme-b', documentType: 'pdf', sizeBytes: 10 });
    acme.events.emit('acme.verified', { providerSid: 'f-1' });
    await settle();
    expect(heard.map((event) => [event.type, event.source])).toEqual([
      ['job.created', 'core'],
      ['acme.verified', 'acme-b'],
    ]);
  });

  it.each([
    ['a core event', () => ({ type: 'job.completed', payload: {} })],
    ['another plugin namespace', () => ({ type: 'other.thing', payload: {} })],
    ['a PHI payload', () => ({ type: 'acme.sent', payload: { to: '+15551234567' } })],
  ])('refuses to emit %s with NOT_SUPPORTED', (_case, make) => {
    const { events } = createPluginEvents(bus(), { pluginId: 'acme', instanceId: 'acme' });
    const { type, payload } = make();
    expect(codeOf(() => events.emit(type as `${string}.${string}`, payload as Record<string, string>))).toBe('NOT_SUPPORTED');
  });

  it('refuses wildcard subscriptions', () => {
    const { events } = createPluginEvents(bus(), { pluginId: 'acme', instanceId: 'acme' });
    expect(codeOf(() => events.on('job.*' as 'job.completed', () => undefined))).toBe('NOT_SUPPORTED');
  });

  it('ends every subscription on close and ignores the stopped instance afterwards', async () => {
    const shared = bus();
    const scoped = createPluginEvents(shared, { pluginId: 'acme', instanceId: 'acme' });
    const heard: string[] = [];
    shared.subscribe('acme.late', (event) => void heard.push(event.type), { name: 'observer' });
    scoped.events.on('job.created', (event) => void heard.push(event.type));
    scoped.close();
    shared.emit('job.created', { jobId: 'j1', backend: 'acme', documentType: 'pdf', sizeBytes: 10 });
    scoped.events.emit('acme.late', { n: 1 });
    scoped.events.on('job.created', (event) => void heard.push(event.type));
    shared.emit('job.created', { jobId: 'j2', backend: 'acme', documentType: 'pdf', sizeBytes: 10 });
    await settle();
    expect(heard).toEqual([]);
  });
});
