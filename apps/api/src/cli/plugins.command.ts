import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { computeIntegrity, findAllowlistEntry, integrityEquals, nodeModulesRoots, readBundledPackages, type Allowlist, type GateVerdict } from '@faxbot/plugin-packages';
import { ConfigError, loadConfig, type AppConfig } from '../config/app-config';
import { AllowlistError } from '../plugins/allowlist/allowlist.error';
import { loadAllowlist } from '../plugins/allowlist/allowlist';
import { gateDiscovered } from '../plugins/allowlist/gate-discovered';
import { diagnosePlugin, type DoctorHost } from '../plugins/compatibility/diagnose-plugin';
import { readHostSdk } from '../plugins/compatibility/host-sdk';
import { installedPluginsDir, installedPluginsRoot, installPlugin, keptTarballPath } from '../plugins/install/install-plugin';
import { readInstallRecords } from '../plugins/install/install-record';
import { PluginInstallError } from '../plugins/install/plugin-install.error';
import { discoverPlugins } from '../plugins/plugin-discovery';
import { SUPPORTED_API_VERSIONS } from '../plugins/plugin-host';
import type { DiscoveredPlugin } from '../plugins/plugin-state';

/** Where a command writes: the process streams in the CLI, buffers in tests. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = `Usage: faxbot plugins <command>

Commands:
  list [--json]                    Discovered plugins with their gate verdict, state and reason
  verify [--json]                  Check every discovered plugin against the allowlist; exit 1 if any is blocked
  doctor [--sdk-version <v>]       What would stop each plugin from loading on this host (or on SDK <v>)
  install <name@version>           Install an allowlisted plugin (needs FEATURE_PLUGIN_INSTALL=true)
`;

// src/cli and dist/cli both sit two levels below the package folder.
const API_PACKAGE_DIR = resolve(__dirname, '..', '..');

interface Row {
  plugin: DiscoveredPlugin;
  gate: GateVerdict;
}

class UsageError extends Error {}

function parseFlags(args: string[], known: Record<string, 'flag' | 'value'>): { flags: Record<string, string | true>; positional: string[] } {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const type = known[name];
    if (type === undefined) throw new UsageError(`unknown option --${name}`);
    if (type === 'flag') flags[name] = true;
    else {
      const value = inline ?? args[(index += 1)];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    }
  }
  return { flags, positional };
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd()).join('\n');
}

function gateText(gate: GateVerdict): string {
  return gate.verdict === 'allowed' ? `allowed (${gate.via})` : 'blocked';
}

function label(plugin: DiscoveredPlugin): string {
  return `${plugin.id} (${plugin.packageName}@${plugin.version})`;
}

class PluginsCli {
  constructor(
    private readonly config: AppConfig,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly io: CommandIo,
    private readonly apiPackageDir: string,
  ) {}

  private out(text: string): void {
    this.io.stdout.write(`${text}\n`);
  }

  private err(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  /** Same roots as the host: FAXBOT_PLUGIN_PATH, then installed plugins, then the API's node_modules. */
  private roots(): string[] {
    return [...this.config.pluginPaths, installedPluginsRoot(this.config.dataDir), ...nodeModulesRoots(this.apiPackageDir)];
  }

  private async gated(allowlist: Allowlist): Promise<Row[]> {
    const plugins = await discoverPlugins(this.roots(), 'backend');
    const bundled = await readBundledPackages(this.apiPackageDir);
    return gateDiscovered(plugins, { allowlist, bundled, devMode: this.config.plugins.devMode, hostKind: 'backend' });
  }

  async list(args: string[]): Promise<number> {
    const { flags } = parseFlags(args, { json: 'flag' });
    const rows = await this.gated(await loadAllowlist(this.config.plugins.allowlistPath));
    if (flags['json']) {
      const json = rows.map(({ plugin, gate }) => ({
        id: plugin.id,
        package: plugin.packageName,
        version: plugin.version,
        dir: plugin.dir,
        state: gate.verdict === 'blocked' ? 'blocked' : plugin.state,
        gate,
        reason: gate.verdict === 'blocked' ? gate.reason : plugin.reason,
      }));
      this.out(JSON.stringify(json, null, 2));
      return 0;
    }
    if (rows.length === 0) {
      this.out('No plugins found.');
      return 0;
    }
    const lines = rows.map(({ plugin, gate }) => [
      plugin.id,
      `${plugin.packageName}@${plugin.version}`,
      gate.verdict === 'blocked' ? 'blocked' : plugin.state,
      gateText(gate),
      [gate.verdict === 'blocked' ? gate.reason : null, plugin.reason].filter((reason) => reason !== null).join('; '),
    ]);
    this.out(table([['ID', 'PACKAGE', 'STATE', 'GATE', 'REASON'], ...lines]));
    return 0;
  }

  async verify(args: string[]): Promise<number> {
    const { flags } = parseFlags(args, { json: 'flag' });
    const allowlist = await loadAllowlist(this.config.plugins.allowlistPath);
    const rows = await this.gated(allowlist);
    const problems = await this.installProblems(allowlist);
    if (flags['json']) {
      this.out(JSON.stringify({ plugins: rows.map(({ plugin, gate }) => ({ id: plugin.id, package: plugin.packageName, version: plugin.version, gate })), installProblems: problems }, null, 2));
    } else {
      for (const { plugin, gate } of rows) this.out(gate.verdict === 'allowed' ? `ok       ${label(plugin)}: ${gateText(gate)}` : `BLOCKED  ${label(plugin)}: ${gate.reason}`);
      for (const problem of problems) this.out(`BAD      ${problem}`);
      const blocked = rows.filter((row) => row.gate.verdict === 'blocked').length;
      this.out(`${rows.length} plugins, ${blocked} blocked${problems.length > 0 ? `, ${problems.length} install problems` : ''}`);
    }
    return rows.some((row) => row.gate.verdict === 'blocked') || problems.length > 0 ? 1 : 0;
  }

  /** Installed packages whose record no longer matches the allowlist, or whose kept tarball changed. */
  private async installProblems(allowlist: Allowlist): Promise<string[]> {
    const pluginDir = installedPluginsDir(this.config.dataDir);
    const problems: string[] = [];
    for (const record of await readInstallRecords(pluginDir)) {
      const spec = `${record.name}@${record.version}`;
      const entry = findAllowlistEntry(allowlist, record.name, record.version);
      if (entry === undefined) problems.push(`${spec} is installed but no longer in the allowlist`);
      else if (!integrityEquals(entry.integrity, record.integrity)) problems.push(`${spec} was installed with ${record.integrity}, the allowlist now pins ${entry.integrity}`);
      const tarball = keptTarballPath(pluginDir, record.name, record.version);
      const bytes = await readFile(tarball).catch(() => null);
      if (bytes === null) problems.push(`${spec}: kept tarball ${tarball} is missing`);
      else if (!integrityEquals(computeIntegrity(bytes), record.integrity)) problems.push(`${spec}: kept tarball ${tarball} does not match its recorded integrity`);
    }
    return problems;
  }

  async doctor(args: string[]): Promise<number> {
    const { flags } = parseFlags(args, { 'sdk-version': 'value' });
    const hostSdk = readHostSdk();
    const sdkVersion = typeof flags['sdk-version'] === 'string' ? flags['sdk-version'] : hostSdk.version;
    const host: DoctorHost = { sdkVersion, sdkDir: hostSdk.dir, supportedApiVersions: SUPPORTED_API_VERSIONS, nodeVersion: process.version };
    this.out(`Host: @faxbot/plugin-sdk ${sdkVersion}, plugin API ${SUPPORTED_API_VERSIONS.join(', ')}, Node ${process.version}`);
    let failing = 0;
    for (const plugin of await discoverPlugins(this.roots(), 'backend')) {
      const problems = await diagnosePlugin(plugin, host);
      if (problems.length === 0) this.out(`ok    ${label(plugin)}`);
      else failing += 1;
      for (const problem of problems) this.out(`FAIL  ${label(plugin)}: ${problem}`);
    }
    return failing > 0 ? 1 : 0;
  }

  async install(args: string[]): Promise<number> {
    const { positional } = parseFlags(args, {});
    if (positional.length !== 1) throw new UsageError('install needs exactly one name@version');
    const result = await installPlugin({
      spec: positional[0] as string,
      allowlist: await loadAllowlist(this.config.plugins.allowlistPath),
      registryUrl: this.config.plugins.npmRegistry,
      pluginDir: installedPluginsDir(this.config.dataDir),
      featureEnabled: this.config.plugins.installEnabled,
      npmEnv: this.env,
    });
    for (const warning of result.warnings) this.err(`warning: ${warning}`);
    this.out(`Installed ${result.name}@${result.version} (${result.integrity}) into ${result.packageDir}; install scripts were not run.`);
    this.out('Restart Faxbot to load it.');
    return 0;
  }
}

/**
 * `faxbot plugins <list|verify|doctor|install>`: `argv` is what follows `plugins`. Returns the
 * exit code: 0 fine, 1 a check failed or an install was refused, 2 usage or configuration error.
 */
export async function pluginsCommand(
  argv: string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CommandIo,
): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    const config = loadConfig({ ...env });
    const cli = new PluginsCli(config, env, io, API_PACKAGE_DIR);
    switch (command) {
      case 'list':
        return await cli.list(args);
      case 'verify':
        return await cli.verify(args);
      case 'doctor':
        return await cli.doctor(args);
      case 'install':
        return await cli.install(args);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`faxbot plugins: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`faxbot plugins: ${error.message}\n`);
      return 2;
    }
    if (error instanceof AllowlistError) {
      io.stderr.write(`faxbot plugins: allowlist ${error.path} is not usable:\n${error.reasons.map((reason) => `  - ${reason}\n`).join('')}`);
      return 2;
    }
    if (error instanceof PluginInstallError) {
      io.stderr.write(`faxbot plugins ${command ?? ''}: refused (${error.code}): ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
