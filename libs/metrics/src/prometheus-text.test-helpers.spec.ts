import { parsePrometheusText, sampleValue } from './prometheus-text.test-helpers';

// The parser is the judge of the registry's output, so it is tested on its own first.

describe('parsePrometheusText', () => {
  it('reads HELP, TYPE, labels with escapes, special values and histograms', () => {
    const families = parsePrometheusText(
      [
        '# HELP jobs_total Jobs with a \\\\ and a \\n in help.',
        '# TYPE jobs_total counter',
        'jobs_total{status="ok",note="quote \\" backslash \\\\ newline \\n"} 3',
        'jobs_total{status="failed",} 1.5e2 1700000000000',
        '# a comment',
        '# TYPE temp gauge',
        'temp -Inf',
        'temp{x="y"} NaN',
        '# TYPE d histogram',
        'd_bucket{le="0.5"} 1',
        'd_bucket{le="+Inf"} 2',
        'd_sum 1.25',
        'd_count 2',
        '',
      ].join('\n'),
    );
    expect(families.get('jobs_total')).toMatchObject({ help: 'Jobs with a \\ and a \n in help.', type: 'counter' });
    expect(sampleValue(families, 'jobs_total', { note: 'quote " backslash \\ newline \n' })).toBe(3);
    expect(sampleValue(families, 'jobs_total', { status: 'failed' })).toBe(150);
    expect(() => sampleValue(families, 'temp')).toThrow('2 samples of temp');
    expect(families.get('temp')?.samples[0]).toEqual({ name: 'temp', labels: {}, value: Number.NEGATIVE_INFINITY });
    expect(sampleValue(families, 'temp', { x: 'y' })).toBeNaN();
    expect(sampleValue(families, 'd_count')).toBe(2);
    expect(families.get('d')?.samples).toHaveLength(4);
  });

  it.each([
    ['a sample without value', 'x{a="b"}\n'],
    ['an unquoted label value', 'x{a=b} 1\n'],
    ['a bad label name', 'x{1a="b"} 1\n'],
    ['a bad metric name', '1x 1\n'],
    ['a bad value', 'x 1,5\n'],
    ['an unknown escape', 'x{a="\\t"} 1\n'],
    ['an unterminated label value', 'x{a="b} 1\n'],
    ['a second TYPE', '# TYPE x gauge\n# TYPE x gauge\nx 1\n'],
    ['TYPE after samples', 'x 1\n# TYPE x gauge\n'],
    ['an unknown type', '# TYPE x meter\nx 1\n'],
    ['families interleaved', 'x 1\ny 1\nx{a="b"} 2\n'],
    ['no final newline', 'x 1'],
    ['a histogram without +Inf', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
    ['a histogram whose buckets shrink', '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'],
  ])('refuses %s', (_label, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
