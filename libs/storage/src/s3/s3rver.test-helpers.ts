import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A running s3rver on loopback and a client for it. */
export interface LoopbackS3 {
  endpoint: string;
  /** A fresh client (path-style, the fixed s3rver credentials). */
  newClient(): S3Client;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

// s3rver 3.7 encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers
// through its legacy provider: every truncated listing fails with InternalError without it. So
// the server runs in its own Node process, started with --openssl-legacy-provider.
const SERVER_SCRIPT = `
const S3rver = require(process.argv[1]);
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2] });
server.run().then(
  ({ port }) => process.stdout.write(JSON.stringify({ port }) + '\\n'),
  (error) => { console.error(error); process.exit(1); },
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/**
 * Starts s3rver on 127.0.0.1 at a random port with a temporary directory. It speaks the S3 wire
 * format but checks neither signatures (only the access key id) nor SSE headers, so it proves
 * round trips, not security.
 */
export async function startLoopbackS3(): Promise<LoopbackS3> {
  const directory = await mkdtemp(join(tmpdir(), 'faxbot-s3rver-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', SERVER_SCRIPT, require.resolve('s3rver'), directory], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('s3rver did not start within 15 s')), 15_000);
    child.once('exit', (code) => reject(new Error(`s3rver exited early (code ${code})`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
    throw error;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const newClient = (): S3Client =>
    new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return {
    endpoint,
    newClient,
    async createBucket(name) {
      const client = newClient();
      try {
        await client.send(new CreateBucketCommand({ Bucket: name }));
      } finally {
        client.destroy();
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(directory, { recursive: true, force: true });
    },
  };
}
