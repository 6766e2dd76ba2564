import { PassThrough } from 'node:stream';
import { createStderrLogger } from './stderr.logger';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug'): { logger: ReturnType<typeof createStderrLogger>; lines: () => Record<string, unknown>[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += String(chunk)));
  return {
    logger: createStderrLogger({ level, stream }),
    lines: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createStderrLogger', () => {
  it('writes one JSON object per line with time, level and message', () => {
    const { logger, lines } = capture();
    logger.info('started', { transport: 'stdio' });
    expect(lines()).toEqual([{ time: expect.any(String), level: 'info', msg: 'started', transport: 'stdio' }]);
  });

  it('drops lines below its level', () => {
    const { logger, lines } = capture('warn');
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    logger.error('d');
    expect(lines().map((line) => line['msg'])).toEqual(['c', 'd']);
  });

  it('masks phone numbers in fields, nested values, errors and the message', () => {
    const { logger, lines } = capture();
    logger.info('fax to +15551234567', { to: '+1 555 123 4567', nested: { note: 'call 5557654321' }, list: ['+442071234567'], error: new Error('bad number 15551230000') });
    expect(lines()[0]).toEqual({
      time: expect.any(String),
      level: 'info',
      msg: 'fax to ***4567',
      to: '***4567',
      nested: { note: 'call ***4321' },
      list: ['***4567'],
      error: { name: 'Error', message: 'bad number ***0000' },
    });
  });

  it('redacts fields that may hold documents, file names or credentials', () => {
    const { logger, lines } = capture();
    logger.info('call', { fileContent: 'JVBERi0x', filePath: '/home/a/John Doe.pdf', fileUrl: 'https://x/y?patient=1', authorization: 'Bearer abc', apiKey: 'k', bytes: Buffer.from('x') });
    expect(lines()[0]).toMatchObject({ fileContent: '[redacted]', filePath: '[redacted]', fileUrl: '[redacted]', authorization: '[redacted]', apiKey: '[redacted]', bytes: '[redacted]' });
  });
});
