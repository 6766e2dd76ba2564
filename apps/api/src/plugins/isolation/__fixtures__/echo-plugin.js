// A well-behaved outbound plugin for the isolation specs. Behaviour is picked by the providerSid
// of getStatus (and the destination of send), so one fixture covers every error path.
const { createHash } = require('node:crypto');
const { FaxbotError } = require('@faxbot/plugin-sdk');

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function readStream(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

class EchoPlugin {
  async validateConfig(config) {
    return config.refuse ? { ok: false, errors: ['refused by the fixture'] } : { ok: true };
  }

  async start(config, deps) {
    this.deps = deps;
    this.config = config;
    this.starts = (this.starts ?? 0) + 1;
    deps.logger.info('echo started for +15551234567', { pid: process.pid, to: '+15551234567' });
    if (config.crashAfterStartMs !== undefined) {
      setTimeout(() => {
        throw new Error('crash-looping fixture');
      }, config.crashAfterStartMs);
    }
  }

  async stop() {
    this.deps?.logger.info('echo stopped');
  }

  async health() {
    return { status: 'ok', detail: Object.keys(process.env).sort().join(',') };
  }

  async send(options) {
    const { document, signal } = options;
    if (options.to === '+15550000000') {
      // Waits until the host aborts the send.
      await new Promise((resolve) => {
        if (signal.aborted) resolve();
        signal.addEventListener('abort', resolve, { once: true });
      });
      throw new FaxbotError('PROVIDER_UNAVAILABLE', 'send aborted before acceptance', { retryable: true });
    }
    if (options.to === '+15550000001') process.exit(1);
    if (options.to === '+15550000003') {
      // deps.storage from inside the child: write, read, list, delete, and a refused key.
      const put = await this.deps.storage.put('notes/a.txt', Buffer.from('kept by the plugin'));
      const read = await this.deps.storage.get('notes/a.txt');
      const listed = await this.deps.storage.list('notes/');
      await this.deps.storage.delete('notes/a.txt');
      const gone = await this.deps.storage.get('notes/a.txt');
      const refused = await this.deps.storage.put('../core', Buffer.from('x')).then(() => null, (error) => error.code);
      return {
        providerSid: `sid-${options.idempotencyKey}`,
        status: 'in_progress',
        echo: { put: put.key, size: put.sizeBytes, read: read.toString('utf8'), readIsBuffer: Buffer.isBuffer(read), listed: listed.map((o) => o.key), gone, refused },
      };
    }
    if (options.to === '+15550000002') {
      // Uses what only the host can do: a public document URL, the fax TIFF, a pushed status.
      const url = document.createPublicUrl ? await document.createPublicUrl({ ttlSeconds: 120 }) : null;
      const tiff = document.toFaxTiff ? await document.toFaxTiff() : null;
      await this.deps.faxStatus.report({ providerSid: `sid-${options.idempotencyKey}`, status: 'SUCCESS', pages: tiff ? tiff.pages : 0 });
      return {
        providerSid: `sid-${options.idempotencyKey}`,
        status: 'in_progress',
        echo: { url, tiffBytes: tiff ? tiff.bytes.length : null, tiffIsBuffer: tiff ? Buffer.isBuffer(tiff.bytes) : null },
      };
    }
    const read = await document.read();
    const streamed = await readStream(document.open());
    return {
      providerSid: `sid-${options.idempotencyKey}`,
      status: 'in_progress',
      pages: 1,
      echo: {
        jobId: options.jobId,
        type: document.type,
        mimeType: document.mimeType,
        fileName: document.fileName,
        sizeBytes: document.sizeBytes,
        readSha: sha256(read),
        openSha: sha256(streamed),
        isBuffer: Buffer.isBuffer(read),
        signalAborted: signal.aborted,
        pid: process.pid,
      },
    };
  }

  async getStatus(query) {
    switch (query.providerSid) {
      case 'retryable':
        throw new FaxbotError('PROVIDER_UNAVAILABLE', 'provider down', { retryable: true });
      case 'permanent':
        throw new FaxbotError('NUMBER_INVALID', 'number refused');
      case 'plain':
        throw new TypeError('plugin bug');
      case 'string':
        throw 'a string, not an error';
      case 'hang':
        return new Promise(() => undefined);
      case 'exit':
        process.exit(3);
        break;
      case 'throw-later':
        setTimeout(() => {
          throw new Error('uncaught in a timer');
        }, 5);
        return new Promise(() => undefined);
      case 'reject-later':
        Promise.reject(new Error('nobody handles this'));
        return new Promise(() => undefined);
      case 'unclonable':
        return { status: 'in_progress', callback: () => undefined };
      case 'log-phone':
        this.deps.logger.warn('calling +15557654321 now', { destination: '+15557654321' });
        console.error('stderr line about +15557654321');
        return { status: 'in_progress' };
      case 'starts':
        return { status: 'in_progress', pages: this.starts };
      default:
        return { status: 'SUCCESS', pages: 2 };
    }
  }

  async cancel(query) {
    if (query.providerSid === 'done') throw new FaxbotError('NOT_SUPPORTED', 'already finished');
  }
}

exports.createPlugin = () => new EchoPlugin();
