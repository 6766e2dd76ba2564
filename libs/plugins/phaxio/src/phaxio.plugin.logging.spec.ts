import { minimalPdf } from '@faxbot/plugin-sdk/testing';
import { publicUrlOf, startPhaxio, webhookRequestOf, type StartedPhaxio } from './phaxio.test-helpers';

describe('PhaxioPlugin logs', () => {
  let phaxio: StartedPhaxio;
  afterEach(() => phaxio.close());

  it('carry ids and masked numbers only: no full number, credential, document text, file name or content URL', async () => {
    phaxio = await startPhaxio({ config: { documentDelivery: 'content_url' } });
    const { numbers } = phaxio.simulator;
    const to = [numbers.delivered, numbers.busy, numbers.slow];

    const delivered = await phaxio.plugin.send(phaxio.sendOptions(numbers.delivered));
    await phaxio.plugin.send(phaxio.sendOptions(numbers.delivered, { idempotencyKey: 'repeat-key', jobId: 'repeat' }));
    await phaxio.plugin.send(phaxio.sendOptions(numbers.delivered, { idempotencyKey: 'repeat-key', jobId: 'repeat' }));
    const busy = await phaxio.plugin.send(phaxio.sendOptions(numbers.busy));
    phaxio.simulator.failNextSend('server_error');
    await phaxio.plugin.send(phaxio.sendOptions(numbers.slow)).catch(() => undefined);
    await phaxio.waitUntilFinal(busy.providerSid);
    await phaxio.plugin.handleWebhook(await phaxio.takeCallback(delivered.providerSid));
    const forged = await phaxio.takeCallback(busy.providerSid);
    await phaxio.plugin.handleWebhook({ ...forged, headers: { ...forged.headers, 'x-phaxio-signature': '0'.repeat(40) } });
    const inbound = await phaxio.simulator.deliverInbound({
      url: `${publicUrlOf(phaxio.simulator)}/webhooks/phaxio/inbound`,
      to: '+15550002222',
      from: '+15550003333',
      pdf: minimalPdf('Confidential lab results'),
    });
    await phaxio.plugin.handleWebhook(webhookRequestOf(inbound, publicUrlOf(phaxio.simulator)));

    const logged = JSON.stringify(phaxio.deps.logLines);
    expect(phaxio.deps.logLines.length).toBeGreaterThan(5);
    const forbidden = [
      ...[...to, '+15550002222', '+15550003333'].map((number) => number.replace(/\D/g, '')),
      ...[...to, '+15550002222', '+15550003333'].map((number) => number.replace(/\D/g, '').slice(-10)),
      phaxio.simulator.apiKey,
      phaxio.simulator.apiSecret,
      phaxio.simulator.webhookToken,
      'Faxbot test page',
      'Confidential lab results',
      'Jane Doe',
      ...phaxio.documents.flatMap((document) => document.publicUrls),
      ...phaxio.documents.flatMap((document) => document.publicUrls.map((url) => new URL(url).searchParams.get('token')!)),
    ];
    for (const text of forbidden) expect({ text, found: logged.includes(text) }).toEqual({ text, found: false });
    expect(logged).toContain('***0000');
    expect(logged).toContain(delivered.providerSid);
  });
});
