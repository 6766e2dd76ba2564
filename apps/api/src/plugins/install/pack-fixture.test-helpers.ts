import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A tarball made by `npm pack`, with the integrity npm reported for it. */
export interface PackedFixture {
  name: string;
  version: string;
  path: string;
  bytes: Buffer;
  /** `integrity` from `npm pack --json`. */
  integrity: string;
}

/** Runs `npm pack --json` on a fixture folder (offline; no scripts are defined that pack would run). */
export async function packFixture(dir: string, destination: string): Promise<PackedFixture> {
  await mkdir(destination, { recursive: true });
  const { stdout } = await promisify(execFile)('npm', ['pack', '--json', '--pack-destination', destination], { cwd: dir });
  const [report] = JSON.parse(stdout) as Array<{ name: string; version: string; filename: string; integrity: string }>;
  if (report === undefined) throw new Error(`npm pack reported nothing for ${dir}`);
  const path = join(destination, report.filename);
  return { name: report.name, version: report.version, path, bytes: await readFile(path), integrity: report.integrity };
}
