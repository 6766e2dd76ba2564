import { createMetricsRegistry, type MetricsRegistryOptions } from './create-metrics-registry';
import type { MetricRejection } from './metric-families';
import { sampleValue, scrape, thrownCode } from './prometheus-text.test-helpers';

function setup(options: MetricsRegistryOptions = {}) {
  const rejections: MetricRejection[] = [];
  const registry = createMetricsRegistry({ ...options, onReject: (rejection) => rejections.push(rejection) });
  return { registry, rejections, acme: registry.forPlugin('acme', 'acme') };
}

describe('plugin metrics', () => {
  describe('naming and kinds', () => {
    it('counts under faxbot_plugin_<pluginId>_<name>_total with the instance label', async () => {
      const { registry, acme } = setup();
      acme.increment('faxes_submitted');
      acme.increment('faxes_submitted', {}, 2);
      acme.increment('callbacks', { verdict: 'accepted' });
      const families = await scrape(registry);
      expect(families.get('faxbot_plugin_acme_faxes_submitted_total')).toMatchObject({ type: 'counter', help: 'Counter faxes_submitted_total of plugin acme' });
      expect(sampleValue(families, 'faxbot_plugin_acme_faxes_submitted_total', { instance: 'acme' })).toBe(3);
      expect(families.get('faxbot_plugin_acme_callbacks_total')?.samples).toEqual([
        { name: 'faxbot_plugin_acme_callbacks_total', labels: { instance: 'acme', verdict: 'accepted' }, value: 1 },
      ]);
    });

    it('turns dashes of the plugin id into underscores', async () => {
      const { registry } = setup();
      registry.forPlugin('acme-fax', 'acme-fax-b').gauge('sessions', 2);
      expect(sampleValue(await scrape(registry), 'faxbot_plugin_acme_fax_sessions', { instance: 'acme-fax-b' })).toBe(2);
    });

    it('sets gauges, latest value wins', async () => {
      const { registry, acme } = setup();
      acme.gauge('open_sessions', 5);
      acme.gauge('open_sessions', -1.5);
      const families = await scrape(registry);
      expect(families.get('faxbot_plugin_acme_open_sessions')?.type).toBe('gauge');
      expect(sampleValue(families, 'faxbot_plugin_acme_open_sessions')).toBe(-1.5);
    });

    it('observes histograms with the default buckets or the first sample\'s', async () => {
      const { registry, acme } = setup();
      acme.histogram('latency', 0.3);
      acme.histogram('pages', 3, {}, { buckets: [1, 5, 10] });
      acme.histogram('pages', 12);
      acme.histogram('pages', 4, {}, { buckets: [1, 5, 10] });
      const families = await scrape(registry);
      expect(sampleValue(families, 'faxbot_plugin_acme_latency_bucket', { le: '0.25' })).toBe(0);
      expect(sampleValue(families, 'faxbot_plugin_acme_latency_bucket', { le: '0.5' })).toBe(1);
      expect(sampleValue(families, 'faxbot_plugin_acme_latency_bucket', { le: '10' })).toBe(1);
      expect(families.get('faxbot_plugin_acme_pages')?.samples.filter((s) => s.name.endsWith('_bucket')).map((s) => s.labels['le'])).toEqual(['1', '5', '10', '+Inf']);
      expect(sampleValue(families, 'faxbot_plugin_acme_pages_bucket', { le: '5' })).toBe(2);
      expect(sampleValue(families, 'faxbot_plugin_acme_pages_count')).toBe(3);
      expect(sampleValue(families, 'faxbot_plugin_acme_pages_sum')).toBe(19);
    });

    it('times into <name>_seconds, returns the recorded seconds, and records once', async () => {
      const { registry, acme } = setup();
      const stop = acme.timer('api_call', { operation: 'send' });
      const seconds = stop({ outcome: 'ok' });
      expect(stop({ outcome: 'late' })).toBe(seconds);
      acme.timer('login_seconds')();
      const families = await scrape(registry);
      expect(seconds).toBeGreaterThanOrEqual(0);
      expect(sampleValue(families, 'faxbot_plugin_acme_api_call_seconds_sum', { operation: 'send', outcome: 'ok' })).toBe(seconds);
      expect(sampleValue(families, 'faxbot_plugin_acme_api_call_seconds_count', { instance: 'acme' })).toBe(1);
      expect(families.has('faxbot_plugin_acme_login_seconds')).toBe(true);
    });

    const badNames: unknown[] = ['', 'Sent', 'sent-count', 'sent count', '1sent', '_sent', 'a__b', 'sent_', 'sent_total', 'x_count', 'x_sum', 'x_bucket', 'x_created', 'x_info', 'x'.repeat(65), 'sent:x', 42];
    it.each(badNames)('refuses the name %j for every kind', (name) => {
      const { acme } = setup();
      const n = name as string;
      expect(thrownCode(() => acme.increment(n))).toBe('INVALID_NAME');
      expect(thrownCode(() => acme.gauge(n, 1))).toBe('INVALID_NAME');
      expect(thrownCode(() => acme.histogram(n, 1))).toBe('INVALID_NAME');
      expect(thrownCode(() => acme.timer(n))).toBe('INVALID_NAME');
    });

    const nineTags = Object.fromEntries(Array.from({ length: 9 }, (_unused, i) => [`t${i}`, 'x']));
    it.each<[string, Record<string, string>]>([
      ['instance', { instance: 'other' }],
      ['plugin', { plugin: 'x' }],
      ['job', { job: 'x' }],
      ['le', { le: '1' }],
      ['quantile', { quantile: '0.5' }],
      ['an upper-case name', { Outcome: 'ok' }],
      ['a name starting with a digit', { '9x': 'ok' }],
      ['a name starting with __', { __name__: 'x' }],
      ['nine tags', nineTags],
    ])('refuses the tag %s', (_label, tags) => {
      const { acme } = setup();
      expect(thrownCode(() => acme.increment('sent', tags))).toBe('INVALID_LABELS');
      expect(thrownCode(() => acme.timer('call', tags))).toBe('INVALID_LABELS');
    });

    it('fixes the tag names at first use', () => {
      const { acme } = setup();
      acme.increment('sent', { outcome: 'ok' });
      expect(thrownCode(() => acme.increment('sent'))).toBe('INVALID_LABELS');
      expect(thrownCode(() => acme.increment('sent', { result: 'ok' }))).toBe('INVALID_LABELS');
      expect(thrownCode(() => acme.increment('sent', { outcome: 'ok', extra: 'x' }))).toBe('INVALID_LABELS');
      expect(() => acme.increment('sent', { outcome: 'busy' })).not.toThrow();
    });

    it('refuses a name used with another kind or other buckets', () => {
      const { acme } = setup();
      acme.gauge('level', 1);
      expect(thrownCode(() => acme.histogram('level', 1))).toBe('METRIC_CONFLICT');
      acme.histogram('size', 1, {}, { buckets: [1, 2] });
      expect(thrownCode(() => acme.histogram('size', 1, {}, { buckets: [1, 3] }))).toBe('METRIC_CONFLICT');
      acme.histogram('call_seconds', 1);
      expect(() => acme.timer('call')()).not.toThrow();
      // A counter and a gauge of one name are two metrics: `x_total` and `x`.
      expect(() => acme.increment('level')).not.toThrow();
    });

    it.each<[string, unknown]>([
      ['descending buckets', [2, 1]],
      ['no buckets', []],
      ['an infinite bucket', [1, Number.POSITIVE_INFINITY]],
      ['31 buckets', Array.from({ length: 31 }, (_unused, i) => i + 1)],
    ])('refuses %s', (_label, buckets) => {
      const { acme } = setup();
      expect(thrownCode(() => acme.histogram('h', 1, {}, { buckets: buckets as number[] }))).toBe('INVALID_ARGUMENT');
    });
  });

  describe('isolation', () => {
    it('gives each instance of a plugin its own series of shared metrics', async () => {
      const { registry, acme } = setup();
      const clinicB = registry.forPlugin('acme', 'acme-clinic-b');
      acme.increment('sent');
      clinicB.increment('sent', {}, 5);
      const families = await scrape(registry);
      expect(sampleValue(families, 'faxbot_plugin_acme_sent_total', { instance: 'acme' })).toBe(1);
      expect(sampleValue(families, 'faxbot_plugin_acme_sent_total', { instance: 'acme-clinic-b' })).toBe(5);
    });

    it('never lets one plugin write a metric whose full name another plugin owns', async () => {
      const { registry, acme } = setup();
      const acmeClinic = registry.forPlugin('acme-clinic', 'acme-clinic');
      acme.increment('clinic_sent'); // faxbot_plugin_acme_clinic_sent_total
      expect(thrownCode(() => acmeClinic.increment('sent'))).toBe('METRIC_CONFLICT');
      expect(sampleValue(await scrape(registry), 'faxbot_plugin_acme_clinic_sent_total')).toBe(1);
    });

    it('keeps plugins out of the core names', async () => {
      const { registry } = setup();
      // Plugin names always start with faxbot_plugin_<id>_, no core name does.
      registry.forPlugin('http', 'http').increment('requests');
      const families = await scrape(registry);
      expect(sampleValue(families, 'faxbot_plugin_http_requests_total')).toBe(1);
      expect(families.get('faxbot_http_requests_total')?.samples).toEqual([]);
    });
  });

  describe('guards', () => {
    it.each<[string, unknown]>([
      ['a phone number', '+15551234567'],
      ['a formatted phone number', '(555) 123-4567'],
      ['full-width digits', '５５５１２３４'],
      ['101 characters', 'x'.repeat(101)],
      ['a newline', 'a\nb'],
      ['a number', 42],
      ['undefined', undefined],
    ])('drops a sample whose tag value is %s, counts it and reports it once without the value', async (_label, value) => {
      const { registry, acme, rejections } = setup();
      acme.increment('sent', { outcome: value as string });
      acme.increment('sent', { outcome: value as string });
      acme.increment('sent', { outcome: 'ok' });
      const families = await scrape(registry);
      expect(families.get('faxbot_plugin_acme_sent_total')?.samples.map((s) => s.labels['outcome'])).toEqual(['ok']);
      expect(sampleValue(families, 'faxbot_metrics_rejected_samples_total', { source: 'acme', reason: 'label_value' })).toBe(2);
      expect(rejections).toEqual([{ source: 'acme', metric: 'faxbot_plugin_acme_sent_total', reason: 'label_value' }]);
    });

    it('accepts six digits and escapes quotes and backslashes in values', async () => {
      const { registry, acme } = setup();
      acme.gauge('build', 1, { version: 'v12.34.56', note: 'say "hi" \\o/' });
      expect(sampleValue(await scrape(registry), 'faxbot_plugin_acme_build', { version: 'v12.34.56', note: 'say "hi" \\o/' })).toBe(1);
    });

    it.each<[string, () => void]>([
      ['a negative increment', () => setup().acme.increment('sent', {}, -1)],
      ['a NaN increment', () => setup().acme.increment('sent', {}, Number.NaN)],
      ['an infinite gauge', () => setup().acme.gauge('level', Number.POSITIVE_INFINITY)],
      ['a NaN observation', () => setup().acme.histogram('size', Number.NaN)],
    ])('drops %s without throwing', (_label, record) => {
      expect(record).not.toThrow();
    });

    it('counts dropped values by reason', async () => {
      const { registry, acme, rejections } = setup();
      acme.increment('sent', {}, -1);
      acme.gauge('level', Number.NaN);
      const families = await scrape(registry);
      expect(sampleValue(families, 'faxbot_metrics_rejected_samples_total', { source: 'acme', reason: 'value' })).toBe(2);
      expect(families.get('faxbot_plugin_acme_sent_total')?.samples).toEqual([]);
      expect(rejections.map((r) => r.metric)).toEqual(['faxbot_plugin_acme_sent_total', 'faxbot_plugin_acme_level']);
    });

    it('stops a metric at its series limit, counting instances too, and keeps recording known series', async () => {
      const { registry, acme, rejections } = setup({ seriesPerPluginMetric: 3 });
      for (const outcome of ['a', 'b', 'c', 'd', 'e']) acme.increment('sent', { outcome });
      acme.increment('sent', { outcome: 'a' });
      registry.forPlugin('acme', 'acme-b').increment('sent', { outcome: 'a' });
      const families = await scrape(registry);
      expect(families.get('faxbot_plugin_acme_sent_total')?.samples.map((s) => [s.labels['outcome'], s.value])).toEqual([
        ['a', 2],
        ['b', 1],
        ['c', 1],
      ]);
      expect(sampleValue(families, 'faxbot_metrics_rejected_samples_total', { source: 'acme', reason: 'cardinality' })).toBe(3);
      expect(rejections).toEqual([{ source: 'acme', metric: 'faxbot_plugin_acme_sent_total', reason: 'cardinality' }]);
    });

    it('stops a plugin at its metric limit without touching other plugins', async () => {
      const { registry, acme } = setup({ metricsPerPlugin: 2 });
      acme.increment('one');
      acme.gauge('two', 2);
      acme.histogram('three', 3);
      acme.increment('one');
      registry.forPlugin('other', 'other').increment('one');
      const families = await scrape(registry);
      expect(families.has('faxbot_plugin_acme_three')).toBe(false);
      expect(sampleValue(families, 'faxbot_plugin_acme_one_total')).toBe(2);
      expect(sampleValue(families, 'faxbot_plugin_other_one_total')).toBe(1);
      expect(sampleValue(families, 'faxbot_metrics_rejected_samples_total', { source: 'acme', reason: 'metric_limit' })).toBe(1);
    });

    it('survives an onReject hook that throws', () => {
      const registry = createMetricsRegistry({
        onReject: () => {
          throw new Error('log sink down');
        },
      });
      expect(() => registry.forPlugin('acme', 'acme').increment('sent', { to: '+15551234567' })).not.toThrow();
    });
  });
});
