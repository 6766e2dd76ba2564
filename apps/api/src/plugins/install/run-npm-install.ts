import { spawn } from 'node:child_process';
import { PluginInstallError } from './plugin-install.error';

/** Options of {@link runNpmInstall}. */
export interface NpmInstallOptions {
  /** npm project folder (`--prefix`). */
  prefix: string;
  /** Absolute path of the verified tarball. */
  tarballPath: string;
  /** Registry npm may consult (never the public one by accident). */
  registryUrl: string;
  /** npm executable; default `npm` from PATH. */
  npmCommand?: string;
  /** Environment of the npm process; default this process's. */
  env?: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
}

/**
 * The npm arguments for installing one verified tarball. Scripts are off (`--ignore-scripts`, also
 * set through the environment so an `.npmrc` cannot turn them back on); `--legacy-peer-deps` keeps
 * npm from fetching `@faxbot/plugin-sdk` (a peer) from the registry, which would both need the
 * network and put a second, unvetted SDK next to the plugin.
 */
export function npmInstallArgs(options: Pick<NpmInstallOptions, 'prefix' | 'tarballPath' | 'registryUrl'>): string[] {
  return [
    'install',
    '--ignore-scripts',
    '--legacy-peer-deps',
    '--no-audit',
    '--no-fund',
    '--no-update-notifier',
    '--save-exact',
    '--registry',
    options.registryUrl,
    '--prefix',
    options.prefix,
    options.tarballPath,
  ];
}

/** Runs `npm install` for one tarball; resolves when npm exits 0, else throws `NPM_FAILED` with npm's output. */
export async function runNpmInstall(options: NpmInstallOptions): Promise<void> {
  const args = npmInstallArgs(options);
  const env = { ...(options.env ?? process.env), npm_config_ignore_scripts: 'true' };
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(options.npmCommand ?? 'npm', args, {
      cwd: options.prefix,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 5 * 60_000,
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      if (output.length < 20_000) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => reject(new PluginInstallError('NPM_FAILED', `could not run npm: ${error.message}`, { cause: error })));
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new PluginInstallError('NPM_FAILED', `npm install exited with ${code ?? signal}: ${output.trim().slice(-2000)}`));
    });
  });
}
