import type { PluginDeps } from '@faxbot/plugin-sdk';
import type { TransportEventEmitter } from '@faxbot/transports';
import type { IsolationTier } from './child-handle';

/** Where an isolated plugin stands. Calls are forwarded only while `running`. */
export type IsolatedPluginState = 'idle' | 'starting' | 'running' | 'restarting' | 'failed' | 'stopped';

/** Options for `createIsolatedPlugin()` (isolated-plugin.ts). Durations in milliseconds. */
export interface IsolatedPluginOptions {
  /** `worker`: a worker thread of the API process; `process`: a separate Node process. */
  tier: IsolationTier;
  /** Absolute path of the plugin's entry module (the manifest's `entry`, resolved). */
  entryPath: string;
  pluginId: string;
  instanceId: string;
  /** Used for restarts until `start()` supplies its own. */
  config: Record<string, unknown>;
  /** `dataDir` and `host` go to the child; `logger` stays here and writes the child's lines. */
  deps: PluginDeps;
  /** The manifest's `requirements.network`; the child's `deps.http`/`websockets`/`eventStreams` may reach only these. Default none. */
  allowedHosts?: readonly string[];
  /** Publishes the `transport.*` events of the child's transports on the host's bus as the instance; without it they are dropped. */
  transportEvents?: TransportEventEmitter;
  /** Limit of every plugin call after start; a call past it kills the child (a hung plugin). Default 120 000. */
  callTimeoutMs?: number;
  /** Limit of spawning the child, loading the entry, `validateConfig` and `start`. Default 15 000. */
  startTimeoutMs?: number;
  /** Time `stop()` gives the plugin's own `stop()` and the exit before killing. Default 10 000. */
  stopTimeoutMs?: number;
  /** Crashes within `crashWindowMs` after which the plugin is failed. Default 5. */
  maxCrashes?: number;
  /** Default 300 000 (five minutes). */
  crashWindowMs?: number;
  /** Restart delay, doubling per recent crash. Default `{ baseMs: 1000, maxMs: 30 000 }`. */
  backoff?: { baseMs: number; maxMs: number };
  /** V8 heap limit of the child. Default 256. */
  maxOldGenerationSizeMb?: number;
  /** Told about crashes, restarts and the final failure; `reason` is null for `running`. */
  onStateChange?: (state: 'running' | 'restarting' | 'failed', reason: string | null) => void;
}
