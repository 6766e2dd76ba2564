import { FaxbotError } from '../errors/faxbot-error';
import type { FaxbotEvent } from '../contracts/plugin-events';
import { createTestDeps } from './test-deps';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createTestDeps', () => {
  it('gives webhook URLs under the test public URL, for the instance', () => {
    expect(createTestDeps({ pluginId: 'acme' }).webhooks.url()).toBe('https://faxbot.test/webhooks/acme');
    const deps = createTestDeps({ pluginId: 'acme', instanceId: 'acme-b', publicUrl: 'https://fax.example.com/base/' });
    expect(deps.webhooks.url('/status')).toBe('https://fax.example.com/base/webhooks/acme-b/status');
    expect(deps.webhooks.url('inbound/fax')).toBe('https://fax.example.com/base/webhooks/acme-b/inbound/fax');
  });

  it('delivers published core events to the plugin and resolves once its handlers finished', async () => {
    const deps = createTestDeps({ pluginId: 'acme' });
    const seen: FaxbotEvent[] = [];
    deps.events.on('job.completed', async (event) => {
      await tick();
      seen.push(event);
    });
    await deps.publishEvent('job.completed', { jobId: 'j1', backend: 'acme', status: 'SUCCESS', errorCode: null, pages: 1 });
    expect(seen).toEqual([expect.objectContaining({ type: 'job.completed', source: 'core', payload: expect.objectContaining({ jobId: 'j1' }) })]);
  });

  it('types core payloads by event name', async () => {
    const deps = createTestDeps({ pluginId: 'acme' });
    const statuses: Array<'SUCCESS'> = [];
    deps.events.on('job.completed', (event) => {
      // Compile-time check: the payload is the catalogue's, not a loose record.
      const status: 'SUCCESS' = event.payload.status;
      statuses.push(status);
    });
    await deps.publishEvent('job.completed', { jobId: 'j1', backend: 'acme', status: 'SUCCESS', errorCode: null, pages: 3 });
    expect(statuses).toEqual(['SUCCESS']);
  });

  it('rejects publishEvent with a handler failure, after calling every handler', async () => {
    const deps = createTestDeps({ pluginId: 'acme' });
    const calls: string[] = [];
    deps.events.on('job.failed', () => {
      calls.push('first');
      throw new Error('handler broke');
    });
    deps.events.on('job.failed', () => void calls.push('second'));
    await expect(deps.publishEvent('job.failed', { jobId: 'j1', backend: 'acme', status: 'FAILED', errorCode: 'LINE_BUSY', pages: null })).rejects.toThrow('handler broke');
    expect(calls).toEqual(['first', 'second']);
  });

  it('records emitted events, delivers them after emit returns, and logs a failing handler', async () => {
    const deps = createTestDeps({ pluginId: 'acme' });
    const order: string[] = [];
    deps.events.on('acme.ping', () => {
      order.push('handler');
      throw new Error('nope');
    });
    const unsubscribe = deps.events.on('acme.ping', () => void order.push('second'));
    deps.events.emit('acme.ping', { n: 1 });
    order.push('after emit');
    await tick();
    expect(order).toEqual(['after emit', 'handler', 'second']);
    expect(deps.emittedEvents).toEqual([expect.objectContaining({ type: 'acme.ping', source: 'acme', payload: { n: 1 } })]);
    expect(deps.logLines).toContainEqual({ level: 'error', message: 'event handler failed', fields: { type: 'acme.ping', error: 'nope' } });

    unsubscribe();
    unsubscribe();
    deps.events.emit('acme.ping', { n: 2 });
    await tick();
    expect(order.filter((entry) => entry === 'second')).toHaveLength(1);
  });

  it.each([
    ['a core event', 'job.completed', {}],
    ['a PHI key', 'acme.sent', { to: '+15551234567' }],
  ])('refuses to emit %s with NOT_SUPPORTED', (_case, type, payload) => {
    const deps = createTestDeps({ pluginId: 'acme' });
    let thrown: unknown;
    try {
      deps.events.emit(type as `${string}.${string}`, payload as Record<string, string>);
    } catch (error) {
      thrown = error;
    }
    expect(FaxbotError.is(thrown) && thrown.code).toBe('NOT_SUPPORTED');
    expect(deps.emittedEvents).toEqual([]);
  });

  it('records status reports and resolves waiters for past and future reports', async () => {
    const deps = createTestDeps({ pluginId: 'acme' });
    await deps.faxStatus.report({ providerSid: 'a', status: 'in_progress' });
    await expect(deps.waitForStatus((update) => update.providerSid === 'a')).resolves.toEqual({ providerSid: 'a', status: 'in_progress' });
    const later = deps.waitForStatus((update) => update.providerSid === 'b' && update.status === 'SUCCESS');
    await deps.faxStatus.report({ providerSid: 'b', status: 'in_progress' });
    await deps.faxStatus.report({ providerSid: 'b', status: 'SUCCESS', pages: 2 });
    await expect(later).resolves.toEqual({ providerSid: 'b', status: 'SUCCESS', pages: 2 });
    expect(deps.reportedStatuses.map((update) => update.status)).toEqual(['in_progress', 'in_progress', 'SUCCESS']);
    await expect(deps.waitForStatus((update) => update.providerSid === 'never', 20)).rejects.toThrow('no matching status report within 20 ms');
  });
});
