import type { DiscoveredPlugin } from '../plugin-state';
import type { PluginInstance } from '../plugin-instance';

const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

/** API shape of one instance. */
export function toInstanceDto(instance: PluginInstance): Record<string, unknown> {
  return {
    instance_id: instance.instanceId,
    plugin_id: instance.pluginId,
    state: instance.state,
    reason: instance.reason,
    enabled: instance.enabled,
    isolation: instance.isolation,
    started_at: iso(instance.startedAt),
    start_ms: instance.startMs,
    calls_in_flight: instance.callsInFlight,
    health: instance.health && { status: instance.health.status, detail: instance.health.detail, checked_at: iso(instance.health.checkedAt) },
  };
}

/**
 * API shape of a plugin package with its instances. `state` is the package's verdict when it may
 * not load (blocked, incompatible, invalid), else its default instance's state.
 */
export function toPluginDto(plugin: DiscoveredPlugin, instances: PluginInstance[], activeOutbound: string): Record<string, unknown> {
  const own = instances.filter((instance) => instance.pluginId === plugin.id);
  const main = own.find((instance) => instance.instanceId === plugin.id) ?? own[0];
  const loadable = plugin.state === 'discovered';
  return {
    id: plugin.id,
    name: plugin.manifest?.name ?? plugin.packageName,
    package: plugin.packageName,
    version: plugin.version,
    description: plugin.manifest?.description ?? null,
    categories: plugin.manifest?.categories ?? [],
    capabilities: plugin.manifest?.capabilities ?? [],
    state: loadable && main ? main.state : plugin.state,
    reason: loadable && main ? main.reason : plugin.reason,
    enabled: loadable && own.some((instance) => instance.enabled),
    active_outbound: own.some((instance) => instance.instanceId === activeOutbound) || plugin.id === activeOutbound,
    instances: own.map((instance) => toInstanceDto(instance)),
  };
}
