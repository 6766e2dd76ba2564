import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Faxbot API's built CLI (apps/api, a devDependency so Nx builds it first); tests run the real
 * API as a child process and never import it.
 */
export const API_CLI = join(__dirname, '..', '..', '..', 'api', 'dist', 'cli.js');

/** A real Faxbot API on 127.0.0.1 with the loopback provider. */
export interface RunningApi {
  url: string;
  apiKey: string;
  /** Everything the API wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts `faxbot serve` on a free port with a fresh data directory and a random bootstrap key;
 * the loopback line delivers in 50 ms. Resolves once the banner names the URL.
 */
export async function startFaxbotApi(extraEnv: Record<string, string> = {}): Promise<RunningApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-mcp-api-'));
  const apiKey = `test-${randomBytes(16).toString('hex')}`;
  const child: ChildProcess = spawn(process.execPath, [API_CLI, 'serve'], {
    cwd: dataDir,
    env: {
      PATH: process.env['PATH'] ?? '',
      FAX_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      API_KEY: apiKey,
      LOOPBACK_DELIVERY_DELAY_MS: '50',
      FAX_STATUS_POLL_MS: '50',
      FAX_STATUS_POLL_MAX_MS: '200',
      QUEUE_IDLE_POLL_MS: '30',
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start: ${output}`)), 30_000);
    const onData = (): void => {
      const match = /Faxbot is running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        resolve(match[1] as string);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code}: ${output}`));
    });
  });
  return {
    url,
    apiKey,
    stderr: () => output,
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.removeAllListeners('exit');
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
