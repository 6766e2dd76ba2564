import request from 'supertest';
import { sendTextFax, startTestGateway, waitForFinalStatus } from './testing/test-gateway.test-helpers';

// PHI and secrets must never reach the logs, even at debug level and on error paths.
describe('logs during a full session', () => {
  it('contain no phone numbers, document content, API keys or secrets', async () => {
    const t = await startTestGateway('sqlite', { LOG_LEVEL: 'debug' });
    const document = 'Patient: Jane Q. Public, DOB 1961-04-12, diagnosis confidential\n';
    try {
      const created = await request(t.app).post('/admin/api-keys').set('X-API-Key', t.apiKey).send({ scopes: ['fax:send', 'fax:read'] });
      const token = created.body.token as string;
      const numbers = ['+15551234567', '+15559870001', '+15559870002', '+15559870004'];
      const ids: string[] = [];
      for (const to of numbers) {
        const sent = await sendTextFax(t.app, token, to, document);
        expect(sent.status).toBe(202);
        ids.push(sent.body.id);
      }
      for (const id of ids) await waitForFinalStatus(t.app, token, id);
      // Error paths: bad number, wrong key, wrong scope.
      await sendTextFax(t.app, token, '555-123-4567', document);
      await request(t.app).get(`/fax/${ids[0]}`).set('X-API-Key', `${token}x`);
      await request(t.app).post(`/admin/api-keys/${created.body.key_id}/rotate`).set('X-API-Key', token);

      const logs = t.logs();
      expect(logs.length).toBeGreaterThan(500);
      expect(logs).toContain('***4567');
      for (const number of numbers) expect(logs).not.toContain(number.slice(2));
      expect(logs).not.toContain('Jane Q. Public');
      expect(logs).not.toContain('diagnosis');
      expect(logs).not.toContain(t.apiKey);
      expect(logs).not.toContain(token.slice('fbk_live_'.length + 13));
      for (const line of logs.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      await t.close();
    }
  });
});
