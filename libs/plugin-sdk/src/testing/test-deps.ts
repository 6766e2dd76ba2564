import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginDeps, PluginLogger } from '../contracts/plugin-deps';
import { PLUGIN_API_VERSION } from '../manifest/plugin-manifest';

/** One line a plugin logged during a test. */
export interface CapturedLogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** {@link PluginDeps} for tests, plus the lines the plugin logged. */
export interface TestDeps extends PluginDeps {
  logLines: CapturedLogLine[];
}

/**
 * Builds deps for exercising a plugin outside the host: a fresh temporary data directory and a
 * logger that records lines so a test can assert the plugin logs no PHI.
 *
 * @example
 * const deps = createTestDeps({ pluginId: 'loopback' });
 * await plugin.start(config, deps);
 * expect(JSON.stringify(deps.logLines)).not.toContain('5551234567');
 */
export function createTestDeps(options: { pluginId: string; dataDir?: string }): TestDeps {
  const logLines: CapturedLogLine[] = [];
  const record =
    (level: CapturedLogLine['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logLines.push(fields === undefined ? { level, message } : { level, message, fields });
    };
  const logger: PluginLogger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  return {
    pluginId: options.pluginId,
    instanceId: options.pluginId,
    dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), `faxbot-${options.pluginId}-`)),
    logger,
    host: { apiVersion: PLUGIN_API_VERSION, version: '0.0.0-test' },
    logLines,
  };
}
