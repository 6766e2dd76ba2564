import { join } from 'node:path';
import type { Container } from 'inversify';
import type { BackendPlugin, HostInfo, ResolvedPluginManifest } from '@faxbot/plugin-sdk';
import type { Logger } from '@faxbot/audit';
import type { InstancePlan } from './instance-config.source';
import { createIsolatedPlugin } from './isolation/isolated-plugin';
import { loadPluginFactory } from './plugin-loader';
import { createPluginScope } from './plugin-scope.factory';
import type { DiscoveredPlugin } from './plugin-state';
import { withTimeout } from './with-timeout';

/** Everything needed to bring one instance's code up. */
export interface StartPluginCodeOptions {
  plugin: DiscoveredPlugin & { manifest: ResolvedPluginManifest };
  plan: InstancePlan;
  parent: Container;
  logger: Logger;
  dataDir: string;
  host: HostInfo;
  timeoutMs: number;
  stopTimeoutMs: number;
  maxCrashes: number;
  restartBackoffMs: number;
  onIsolatedStateChange: (state: 'running' | 'restarting' | 'failed', reason: string | null) => void;
}

/**
 * Runs `validateConfig` and `start` for one instance, in the tier the operator chose: in this
 * process, or in a worker thread / child process that runs the very same plugin code. Returns the
 * started plugin and how to release what was set up for it.
 */
export async function startPluginCode(options: StartPluginCodeOptions): Promise<{ plugin: BackendPlugin; dispose: () => Promise<void> }> {
  const { plugin, plan } = options;
  const scope = await createPluginScope({
    parent: options.parent,
    logger: options.logger,
    dataDir: options.dataDir,
    pluginId: plugin.id,
    instanceId: plan.instanceId,
    config: plan.config,
    host: options.host,
    allowedHosts: plugin.manifest.requirements?.network ?? [],
  });
  const dispose = async (): Promise<void> => {
    // Awaited: the instance's transports close their sockets while it is unbound.
    await scope.container.unbindAll();
  };
  let code: BackendPlugin;
  if (plan.isolation === 'in-process') {
    code = (await loadPluginFactory(plugin.dir, plugin.manifest.entry))();
  } else {
    code = createIsolatedPlugin({
      tier: plan.isolation,
      entryPath: join(plugin.dir, plugin.manifest.entry),
      pluginId: plugin.id,
      instanceId: plan.instanceId,
      config: plan.config,
      deps: scope.deps,
      allowedHosts: plugin.manifest.requirements?.network ?? [],
      transportEvents: scope.transportEvents,
      startTimeoutMs: options.timeoutMs,
      stopTimeoutMs: options.stopTimeoutMs,
      maxCrashes: options.maxCrashes,
      backoff: { baseMs: options.restartBackoffMs, maxMs: Math.max(options.restartBackoffMs, 30_000) },
      onStateChange: options.onIsolatedStateChange,
    });
  }
  try {
    const verdict = await withTimeout(code.validateConfig(plan.config), options.timeoutMs, 'validateConfig');
    if (!verdict.ok) throw new Error(`configuration refused: ${verdict.errors.join('; ')}`);
    await withTimeout(code.start(plan.config, scope.deps), options.timeoutMs, 'start');
  } catch (error) {
    await withTimeout(code.stop(), options.timeoutMs, 'stop').catch(() => undefined);
    await dispose();
    throw error;
  }
  return { plugin: code, dispose };
}
