import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { workspaceRoot } from './workspace-root';

interface EslintJsonResult {
  messages: Array<{ ruleId: string | null; message: string }>;
}

/**
 * Lints `code` as if it were the file at `relativePath` in the workspace, with the workspace's
 * own ESLint config (module boundaries included), without writing the file. ESLint runs in a
 * child process because its config loader needs native ES modules. Returns `rule: message` lines.
 */
export function lintSource(relativePath: string, code: string): string[] {
  const root = workspaceRoot();
  const bin = join(dirname(require.resolve('eslint/package.json', { paths: [root] })), 'bin', 'eslint.js');
  const run = spawnSync(process.execPath, [bin, '--stdin', '--stdin-filename', join(root, relativePath), '--format', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  if (run.stdout.trim() === '') throw new Error(`eslint produced no report: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as EslintJsonResult[];
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parser'}: ${message.message}`);
}
