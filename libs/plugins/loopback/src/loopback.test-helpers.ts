import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { isFinalStatus, type FaxDocument, type SendOptions, type StatusResult } from '@faxbot/plugin-sdk';
import { createTestDeps, type TestDeps } from '@faxbot/plugin-sdk/testing';
import type { AcceptanceRecord } from './acceptance-record';
import type { LoopbackConfig } from './loopback-config';
import { LoopbackPlugin } from './loopback.plugin';

/** Small delays so the suite runs in real time, quickly. */
export const FAST: LoopbackConfig = { outboxDir: '', deliveryDelayMs: 400, slowLineDelayMs: 60, transientFailures: 2 };

/** A PDF with `pages` page objects (and, as in real files, one `/Pages` tree node). */
export function pdfDocument(pages: number, marker = ''): FaxDocument {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objects = Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n`);
  const text = [
    '%PDF-1.4\n',
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    `2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pages} >>\nendobj\n`,
    ...objects,
    `% ${marker}\n%%EOF\n`,
  ].join('');
  return documentOf('pdf', Buffer.from(text, 'latin1'));
}

/** A plain-text document. */
export function textDocument(text: string): FaxDocument {
  return documentOf('txt', Buffer.from(text, 'utf8'));
}

function documentOf(type: 'pdf' | 'txt', bytes: Buffer): FaxDocument {
  return {
    type,
    mimeType: type === 'pdf' ? 'application/pdf' : 'text/plain',
    fileName: `letter.${type}`,
    sizeBytes: bytes.length,
    open: () => Readable.from([bytes]),
    read: async () => bytes,
  };
}

/** Send options with a fresh key per call unless the test pins one. */
export function sendOptions(to: string, overrides: Partial<SendOptions> = {}): SendOptions {
  const jobId = overrides.jobId ?? `job-${Math.random().toString(36).slice(2)}`;
  return { jobId, to, document: pdfDocument(1), idempotencyKey: `${jobId}:${Math.random().toString(36).slice(2)}`, ...overrides };
}

/** Polls until the fax is final (or fails the test after two seconds). */
export async function waitUntilFinal(plugin: LoopbackPlugin, providerSid: string): Promise<StatusResult> {
  const giveUpAt = Date.now() + 2000;
  for (;;) {
    const status = await plugin.getStatus({ jobId: 'any', providerSid });
    if (isFinalStatus(status.status)) return status;
    if (Date.now() > giveUpAt) throw new Error(`still ${status.status} after 2 s`);
    await sleep(10);
  }
}

/**
 * One data directory shared by any number of plugin instances: starting a second instance is how
 * the specs simulate a process restart.
 */
export class LoopbackHarness {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'faxbot-loopback-'));
  private readonly started: LoopbackPlugin[] = [];

  /** The default outbox of this data directory. */
  get outboxDir(): string {
    return join(this.dataDir, 'outbox');
  }

  /** Starts a new instance on this data directory. */
  async start(config: Partial<LoopbackConfig> = {}): Promise<{ plugin: LoopbackPlugin; deps: TestDeps }> {
    const plugin = new LoopbackPlugin();
    const deps = createTestDeps({ pluginId: 'loopback', dataDir: this.dataDir });
    await plugin.start({ ...FAST, ...config }, deps);
    this.started.push(plugin);
    return { plugin, deps };
  }

  /** Every file name in `dir` (default: the outbox), sorted. */
  files(dir = this.outboxDir): string[] {
    return readdirSync(dir).sort();
  }

  /** Acceptance records in the outbox. */
  records(dir = this.outboxDir): AcceptanceRecord[] {
    return this.files(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as AcceptanceRecord);
  }

  /** Every document file (`.pdf`, `.txt`) in the outbox, with or without a record. */
  documents(dir = this.outboxDir): string[] {
    return this.files(dir).filter((name) => /\.(pdf|txt)$/.test(name));
  }

  /** Document files in the outbox that belong to `jobId`. */
  documentsOf(jobId: string, dir = this.outboxDir): string[] {
    const names = new Set(this.files(dir));
    return this.records(dir)
      .filter((record) => record.jobId === jobId && names.has(record.document.file))
      .map((record) => record.document.file);
  }

  /** Stops every instance and deletes the data directory. */
  async dispose(): Promise<void> {
    await Promise.all(this.started.map((plugin) => plugin.stop()));
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
