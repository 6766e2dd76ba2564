import type { MetricTags, PluginMetrics } from '../contracts/metrics';

/** One metric call a plugin made in a test. */
export interface RecordedMetric {
  kind: 'increment' | 'gauge' | 'histogram' | 'timer';
  name: string;
  value: number;
  tags: MetricTags;
}

/** `deps.metrics` for tests: records every call in `recorded`, in order (timers when stopped, in seconds). */
export function createRecordingPluginMetrics(recorded: RecordedMetric[]): PluginMetrics {
  return {
    increment: (name, tags = {}, by = 1) => void recorded.push({ kind: 'increment', name, value: by, tags }),
    gauge: (name, value, tags = {}) => void recorded.push({ kind: 'gauge', name, value, tags }),
    histogram: (name, value, tags = {}) => void recorded.push({ kind: 'histogram', name, value, tags }),
    timer: (name, tags = {}) => {
      const started = process.hrtime.bigint();
      let seconds: number | undefined;
      return (endTags) => {
        if (seconds === undefined) {
          seconds = Number(process.hrtime.bigint() - started) / 1e9;
          recorded.push({ kind: 'timer', name, value: seconds, tags: { ...tags, ...endTags } });
        }
        return seconds;
      };
    },
  };
}
