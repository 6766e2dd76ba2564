import { Writable } from 'node:stream';
import { createLogger } from './create-logger';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes JSON lines with PHI and secrets removed from messages, fields and errors', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, level: 'debug' });
    logger.info({ to: '+15551234567', apiKey: 'fbk_live_abc123_topsecret' }, 'sending fax to +15551234567');
    logger.child({ plugin: 'loopback' }).warn({ err: new Error('busy at 555-123-4567') }, 'attempt failed');
    logger.debug('document %s', 'content with 5551234567');

    const text = out.text();
    expect(text).not.toMatch(/5551234567|555-123-4567|topsecret/);
    const lines = text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 'info', to: '***4567', apiKey: '[redacted]', msg: 'sending fax to ***4567' });
    expect(lines[1]).toMatchObject({ level: 'warn', plugin: 'loopback', err: { message: 'busy at ***4567' } });
  });

  it('respects the level', () => {
    const out = capture();
    createLogger({ destination: out.stream, level: 'warn' }).info('hidden');
    expect(out.text()).toBe('');
  });
});
