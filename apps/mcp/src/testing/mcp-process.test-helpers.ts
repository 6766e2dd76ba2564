import { spawn, type ChildProcess } from 'node:child_process';
import { MCP_CLI } from './mcp-client.test-helpers';

/** The MCP server running as `faxbot-mcp --transport http|sse|ws`. */
export interface RunningMcpHttp {
  url: string;
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Starts the built CLI with the Streamable HTTP transport on a free port; resolves with its URL. */
export function startMcpHttp(env: Record<string, string>): Promise<RunningMcpHttp> {
  return startMcpRemote('http', env);
}

/**
 * Starts the built CLI with an HTTP-based transport on a free port; resolves with the URL it logs
 * (`…/mcp`, `…/sse` or `ws://…/ws`).
 */
export async function startMcpRemote(transport: 'http' | 'sse' | 'ws', env: Record<string, string>): Promise<RunningMcpHttp> {
  const child: ChildProcess = spawn(process.execPath, [MCP_CLI, '--transport', transport], {
    env: { PATH: process.env['PATH'] ?? '', MCP_HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`faxbot-mcp did not start: ${output}`)), 20_000);
    const onData = (): void => {
      const match = /"msg":"faxbot-mcp started".*"url":"([^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        resolve(match[1] as string);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`faxbot-mcp exited with ${code}: ${output}`));
    });
  });
  return {
    url,
    stderr: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (stdout !== '') throw new Error(`faxbot-mcp wrote to stdout: ${stdout}`);
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.removeAllListeners('exit');
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
