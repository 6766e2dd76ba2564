import { FaxbotError } from '@faxbot/plugin-sdk';
import { PHAXIO_TEST_NUMBERS } from '@faxbot/provider-simulators';
import { startPhaxio, type StartedPhaxio } from './phaxio.test-helpers';

describe('PhaxioPlugin status and cancel against the simulator', () => {
  let phaxio: StartedPhaxio;
  beforeAll(async () => {
    phaxio = await startPhaxio();
  });
  afterAll(() => phaxio.close());

  it('reports a fresh fax as in_progress', async () => {
    const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(PHAXIO_TEST_NUMBERS.slow));
    expect(await phaxio.plugin.getStatus({ jobId: 'j', providerSid })).toEqual({ status: 'in_progress', pages: 1 });
  });

  it.each([
    ['delivered', { status: 'SUCCESS', pages: 1 }],
    ['busy', { status: 'FAILED', pages: 1, errorCode: 'LINE_BUSY', error: 'phaxio: the line was busy (lineError 17)' }],
    ['noAnswer', { status: 'FAILED', pages: 1, errorCode: 'NO_ANSWER', error: 'phaxio: no answer from the fax machine (lineError 112)' }],
    ['faxError', { status: 'FAILED', pages: 1, errorCode: 'TRANSMISSION_FAILED', error: 'phaxio: the transmission failed (faxError 8)' }],
    ['notOperational', { status: 'FAILED', pages: 1, errorCode: 'NUMBER_INVALID', error: 'phaxio: the number is not in service or has changed (lineError 34)' }],
  ] as const)('ends a %s line as %j', async (outcome, expected) => {
    const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(PHAXIO_TEST_NUMBERS[outcome]));
    expect(await phaxio.waitUntilFinal(providerSid)).toEqual(expected);
  });

  it('cancels a fax in progress; a second cancel is a no-op', async () => {
    const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(PHAXIO_TEST_NUMBERS.slow));
    await phaxio.plugin.cancel({ jobId: 'j', providerSid });
    expect(await phaxio.plugin.getStatus({ jobId: 'j', providerSid })).toEqual({ status: 'cancelled', pages: 1 });
    await expect(phaxio.plugin.cancel({ jobId: 'j', providerSid })).resolves.toBeUndefined();
    expect(phaxio.simulator.requests.filter((request) => request.route === 'cancel' && request.path.endsWith(`/${providerSid}/cancel`))).toHaveLength(2);
  });

  it('says NOT_SUPPORTED when cancelling a finished fax', async () => {
    const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(PHAXIO_TEST_NUMBERS.delivered));
    await phaxio.waitUntilFinal(providerSid);
    const error = await phaxio.plugin.cancel({ jobId: 'j', providerSid }).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && error.code).toBe('NOT_SUPPORTED');
  });

  it('reports a fax Phaxio could not fetch the document of as DOCUMENT_UNREADABLE', async () => {
    const fetching = await startPhaxio({ reuse: phaxio.simulator, config: { documentDelivery: 'content_url' } });
    try {
      const options = fetching.sendOptions(PHAXIO_TEST_NUMBERS.delivered);
      // An expired URL: the document server answers 410, as the host's does.
      const document = { ...options.document, createPublicUrl: async () => `${(await options.document.createPublicUrl!()).split('?')[0]}?token=expired` };
      const { providerSid } = await fetching.plugin.send({ ...options, document });
      expect(await fetching.waitUntilFinal(providerSid)).toEqual(expect.objectContaining({ status: 'FAILED', errorCode: 'DOCUMENT_UNREADABLE' }));
    } finally {
      await fetching.close();
    }
  });
});
