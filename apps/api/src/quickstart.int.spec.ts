import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// What `npm start` runs, on embedded defaults: no API_KEY, no DATABASE_URL, no FAX_BACKEND.
const CLI = join(__dirname, '..', 'dist', 'cli.js');

function serve(cwd: string): Promise<{ child: ChildProcess; url: string; banner: string }> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', LOOPBACK_DELIVERY_DELAY_MS: '100', FAX_STATUS_POLL_MS: '50', FAX_STATUS_POLL_MAX_MS: '200' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let banner = '';
    const timer = setTimeout(() => reject(new Error(`no banner: ${banner}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      banner += String(chunk);
      const match = /Faxbot is running at (http:\/\/\S+)[\s\S]*Next:/.exec(banner);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string, banner });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${banner}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('faxbot serve on embedded defaults', () => {
  jest.setTimeout(60_000);

  it('starts secure, writes the first-run admin key once, and sends through loopback on SQLite', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'faxbot-quickstart-'));
    try {
      const first = await serve(cwd);
      const keyFile = join(cwd, 'faxdata', 'first-run-admin-key.txt');
      expect(first.banner).toContain(keyFile);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = readFileSync(keyFile, 'utf8').trim();
      expect(key).toMatch(/^fbk_live_[a-f0-9]{12}_/);
      expect(existsSync(join(cwd, 'faxdata', 'faxbot.db'))).toBe(true);

      expect((await fetch(`${first.url}/fax/x`)).status).toBe(401);
      const ready = await fetch(`${first.url}/health/ready`);
      expect(ready.status).toBe(200);

      const form = new FormData();
      form.append('to', '+15551234567');
      form.append('file', new Blob(['hello\n']), 'hello.txt');
      const sent = await fetch(`${first.url}/fax`, { method: 'POST', body: form, headers: { 'X-API-Key': key } });
      expect(sent.status).toBe(202);
      const { id } = (await sent.json()) as { id: string };
      let status = '';
      for (let i = 0; i < 100 && status !== 'SUCCESS'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = ((await (await fetch(`${first.url}/fax/${id}`, { headers: { 'X-API-Key': key } })).json()) as { status: string }).status;
      }
      expect(status).toBe('SUCCESS');
      expect(await stop(first.child)).toBe(0);

      // A second start keeps the key (only its hash is stored) and creates no new one.
      await rm(keyFile);
      const second = await serve(cwd);
      expect(existsSync(keyFile)).toBe(false);
      expect(second.banner).not.toContain('fbk_live_');
      expect((await fetch(`${second.url}/fax/${id}`, { headers: { 'X-API-Key': key } })).status).toBe(200);
      expect(await stop(second.child)).toBe(0);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
