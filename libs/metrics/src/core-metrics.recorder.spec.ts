import type { CollectSourceName } from './core-metrics';
import { createMetricsRegistry, type MetricsRegistryOptions } from './create-metrics-registry';
import { sampleValue, scrape } from './prometheus-text.test-helpers';

function setup(options: MetricsRegistryOptions = {}) {
  const collectErrors: Array<[CollectSourceName, unknown]> = [];
  const registry = createMetricsRegistry({ ...options, onCollectError: (source, error) => collectErrors.push([source, error]) });
  return { registry, core: registry.core, collectErrors };
}

describe('core metrics', () => {
  describe('httpRequest', () => {
    it('counts requests by method, route template and status, and times them in seconds', async () => {
      const { registry, core } = setup();
      core.httpRequest({ method: 'post', route: '/fax', status: 202, durationMs: 250 });
      core.httpRequest({ method: 'POST', route: '/fax', status: 202, durationMs: 4 });
      core.httpRequest({ method: 'GET', route: '/fax/:id', status: 404 });
      core.httpRequest({ method: 'BREW', route: 'unmatched', status: 418 });
      const families = await scrape(registry);
      expect(sampleValue(families, 'faxbot_http_requests_total', { method: 'POST', route: '/fax', status: '202' })).toBe(2);
      expect(sampleValue(families, 'faxbot_http_requests_total', { method: 'GET', route: '/fax/:id', status: '404' })).toBe(1);
      expect(sampleValue(families, 'faxbot_http_requests_total', { method: 'OTHER', route: 'unmatched', status: '418' })).toBe(1);
      expect(sampleValue(families, 'faxbot_http_request_duration_seconds_count', { method: 'POST', route: '/fax' })).toBe(2);
      expect(sampleValue(families, 'faxbot_http_request_duration_seconds_sum', { method: 'POST', route: '/fax' })).toBeCloseTo(0.254, 10);
      expect(sampleValue(families, 'faxbot_http_request_duration_seconds_bucket', { method: 'POST', route: '/fax', le: '0.005' })).toBe(1);
      expect(sampleValue(families, 'faxbot_http_request_duration_seconds_bucket', { method: 'POST', route: '/fax', le: '0.25' })).toBe(2);
      expect(sampleValue(families, 'faxbot_http_request_duration_seconds_count', { method: 'GET' })).toBeUndefined();
    });

    it.each([
      ['a status below 100', { method: 'GET', route: '/x', status: 99 }, 'value'],
      ['a fractional status', { method: 'GET', route: '/x', status: 200.5 }, 'value'],
      ['a path with a phone number instead of a template', { method: 'GET', route: '/lookup/15551234567', status: 200 }, 'label_value'],
    ])('drops %s', async (_label, sample, reason) => {
      const { registry, core } = setup();
      core.httpRequest(sample);
      const families = await scrape(registry);
      expect(families.get('faxbot_http_requests_total')?.samples).toEqual([]);
      expect(sampleValue(families, 'faxbot_metrics_rejected_samples_total', { source: 'core', reason })).toBe(1);
    });

    it('counts a request whose duration is negative but drops the duration', async () => {
      const { registry, core } = setup();
      core.httpRequest({ method: 'GET', route: '/health', status: 200, durationMs: -1 });
      const families = await scrape(registry);
      expect(sampleValue(families, 'faxbot_http_requests_total', { route: '/health' })).toBe(1);
      expect(families.get('faxbot_http_request_duration_seconds')?.samples).toEqual([]);
    });

    it('stops at the series limit instead of growing with every distinct route', async () => {
      const { registry, core } = setup({ seriesPerCoreMetric: 5 });
      for (let i = 0; i < 20; i += 1) core.httpRequest({ method: 'GET', route: `/r${i}`, status: 200 });
      const families = await scrape(registry);
      expect(families.get('faxbot_http_requests_total')?.samples).toHaveLength(5);
      expect(sampleValue(families, 'faxbot_metrics_rejected_samples_total', { source: 'core', reason: 'cardinality' })).toBe(15);
    });
  });

  describe('faxJobTransition', () => {
    it('counts transitions by instance, from and to, with none for a new job', async () => {
      const { registry, core } = setup();
      core.faxJobTransition({ instanceId: 'acme', from: null, to: 'queued' });
      core.faxJobTransition({ instanceId: 'acme', from: null, to: 'queued' });
      core.faxJobTransition({ instanceId: 'acme', from: 'queued', to: 'in_progress' });
      core.faxJobTransition({ instanceId: 'sinch', from: 'in_progress', to: 'FAILED' });
      const families = await scrape(registry);
      expect(sampleValue(families, 'faxbot_fax_job_transitions_total', { instance: 'acme', from: 'none', to: 'queued' })).toBe(2);
      expect(sampleValue(families, 'faxbot_fax_job_transitions_total', { instance: 'acme', from: 'queued', to: 'in_progress' })).toBe(1);
      expect(sampleValue(families, 'faxbot_fax_job_transitions_total', { instance: 'sinch', to: 'FAILED' })).toBe(1);
    });

    it('drops a transition with a malformed instance id', async () => {
      const { registry, core } = setup();
      core.faxJobTransition({ instanceId: 'Not An Id', from: null, to: 'queued' });
      const families = await scrape(registry);
      expect(families.get('faxbot_fax_job_transitions_total')?.samples).toEqual([]);
      expect(sampleValue(families, 'faxbot_metrics_rejected_samples_total', { reason: 'label_value' })).toBe(1);
    });
  });

  describe('pluginInstanceState', () => {
    it('sets 1 for the current state and 0 for every other', async () => {
      const { registry, core } = setup();
      core.pluginInstanceState({ pluginId: 'acme', instanceId: 'acme-b', state: 'running' });
      core.pluginInstanceState({ pluginId: 'acme', instanceId: 'acme-b', state: 'failed' });
      const families = await scrape(registry);
      const states = Object.fromEntries(families.get('faxbot_instance_state')!.samples.map((s) => [s.labels['state'], s.value]));
      expect(states).toEqual({ configured: 0, starting: 0, running: 0, degraded: 0, failed: 1, stopped: 0 });
      expect(families.get('faxbot_instance_state')!.samples.every((s) => s.labels['plugin'] === 'acme' && s.labels['instance'] === 'acme-b')).toBe(true);
    });

    it('drops an unknown state', async () => {
      const { registry, core } = setup();
      core.pluginInstanceState({ pluginId: 'acme', instanceId: 'acme', state: 'sleeping' as 'running' });
      const families = await scrape(registry);
      expect(families.get('faxbot_instance_state')?.samples).toEqual([]);
      expect(sampleValue(families, 'faxbot_metrics_rejected_samples_total', { reason: 'label_value' })).toBe(1);
    });
  });

  describe('webhookDelivery', () => {
    it('counts deliveries by instance and status class', async () => {
      const { registry, core } = setup();
      core.webhookDelivery({ instanceId: 'acme', status: 200 });
      core.webhookDelivery({ instanceId: 'acme', status: 204 });
      core.webhookDelivery({ instanceId: 'acme', status: 401 });
      core.webhookDelivery({ instanceId: 'acme', status: 503 });
      core.webhookDelivery({ instanceId: 'acme', status: 42 });
      const families = await scrape(registry);
      expect(families.get('faxbot_webhook_deliveries_total')?.samples.map((s) => [s.labels['status_class'], s.value])).toEqual([
        ['2xx', 2],
        ['4xx', 1],
        ['5xx', 1],
      ]);
      expect(sampleValue(families, 'faxbot_metrics_rejected_samples_total', { reason: 'value' })).toBe(1);
    });
  });

  describe('pluginInstanceRemoved', () => {
    it('removes every series of the instance, core and plugin, and keeps the rest', async () => {
      const { registry, core } = setup();
      for (const instanceId of ['acme', 'acme-b']) {
        core.pluginInstanceState({ pluginId: 'acme', instanceId, state: 'running' });
        core.faxJobTransition({ instanceId, from: null, to: 'queued' });
        core.webhookDelivery({ instanceId, status: 200 });
        registry.forPlugin('acme', instanceId).increment('sent');
      }
      core.pluginInstanceRemoved('acme-b');
      const families = await scrape(registry);
      const instances = [...families.values()].flatMap((family) => family.samples).map((s) => s.labels['instance']).filter(Boolean);
      expect(new Set(instances)).toEqual(new Set(['acme']));
      expect(sampleValue(families, 'faxbot_plugin_acme_sent_total', { instance: 'acme' })).toBe(1);
      // The series can come back, e.g. when the instance is configured again.
      registry.forPlugin('acme', 'acme-b').increment('sent');
      expect(sampleValue(await scrape(registry), 'faxbot_plugin_acme_sent_total', { instance: 'acme-b' })).toBe(1);
    });
  });

  describe('count sources', () => {
    it('reads queue depths and job counts at each scrape', async () => {
      const { registry, core } = setup();
      let depth = 3;
      core.setQueueDepthSource(() => ({ 'fax.send': depth }));
      core.setFaxJobCountSource(async () => ({ queued: 2, in_progress: 1, SUCCESS: 10 }));
      let families = await scrape(registry);
      expect(sampleValue(families, 'faxbot_queue_depth', { queue: 'fax.send' })).toBe(3);
      expect(sampleValue(families, 'faxbot_fax_jobs', { status: 'SUCCESS' })).toBe(10);
      depth = 0;
      core.setFaxJobCountSource(async () => ({ queued: 1 }));
      families = await scrape(registry);
      expect(sampleValue(families, 'faxbot_queue_depth', { queue: 'fax.send' })).toBe(0);
      expect(families.get('faxbot_fax_jobs')?.samples.map((s) => s.labels['status'])).toEqual(['queued']);
    });

    it('has no series without a source, or after it is removed', async () => {
      const { registry, core } = setup();
      core.setQueueDepthSource(() => ({ 'fax.send': 1 }));
      await scrape(registry);
      core.setQueueDepthSource(undefined);
      const families = await scrape(registry);
      expect(families.get('faxbot_queue_depth')?.samples).toEqual([]);
      expect(families.get('faxbot_fax_jobs')?.samples).toEqual([]);
    });

    it.each<[string, () => unknown]>([
      [
        'throws',
        () => {
          throw new Error('database locked');
        },
      ],
      ['rejects', () => Promise.reject(new Error('database locked'))],
      ['returns no object', () => 7],
      ['never settles', () => new Promise(() => undefined)],
    ])('goes on without a source that %s, counting the failure', async (_label, source) => {
      const { registry, core, collectErrors } = setup({ collectTimeoutMs: 50 });
      core.setQueueDepthSource(() => ({ 'fax.send': 1 }));
      await scrape(registry);
      core.setQueueDepthSource(source as () => Record<string, number>);
      const families = await scrape(registry);
      expect(families.get('faxbot_queue_depth')?.samples).toEqual([]);
      expect(sampleValue(families, 'faxbot_metrics_collect_failures_total', { source: 'queue_depth' })).toBe(1);
      expect(collectErrors.map(([name, error]) => [name, error instanceof Error])).toEqual([['queue_depth', true]]);
    });

    it('drops counts that are not finite and names that are not safe label values', async () => {
      const { registry, core } = setup();
      core.setFaxJobCountSource(() => ({ queued: Number.NaN, 'in progress 5551234': 1, SUCCESS: 4 }));
      const families = await scrape(registry);
      expect(families.get('faxbot_fax_jobs')?.samples.map((s) => [s.labels['status'], s.value])).toEqual([['SUCCESS', 4]]);
    });
  });
});
