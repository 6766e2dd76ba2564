import { createHash } from 'node:crypto';
import type { Database } from '../database';
import { newId } from '../new-id';
import type { InboundCursor, InboundFaxFilter, InboundFaxRecord, NewInboundFax } from '../records';
import { TEST_DATABASE_KINDS, useTestDatabase } from '../testing/test-database.test-helpers';

const T = Date.UTC(2030, 0, 1, 12);

function newFax(overrides: Partial<NewInboundFax> = {}): NewInboundFax {
  const id = newId();
  return {
    id,
    backend: 'phaxio',
    providerSid: `px-${id}`,
    fromNumber: '+15550001111',
    toNumber: '+15551234567',
    pages: 2,
    sizeBytes: 4096,
    sha256: createHash('sha256').update(id).digest('hex'),
    documentKey: `inbound/${id}.pdf`,
    mailboxLabel: null,
    receivedAt: new Date(T),
    retentionUntil: null,
    ...overrides,
  };
}

/** Every page of a listing, following `next` until it is null. */
async function listAll(db: Database, filter: Omit<InboundFaxFilter, 'cursor'>): Promise<InboundFaxRecord[][]> {
  const pages: InboundFaxRecord[][] = [];
  let cursor: InboundCursor | null = null;
  do {
    const page: { items: InboundFaxRecord[]; next: InboundCursor | null } = await db.inbound.list({ ...filter, cursor });
    pages.push(page.items);
    cursor = page.next;
  } while (cursor && pages.length < 100);
  return pages;
}

describe.each(TEST_DATABASE_KINDS)('InboundFaxRepository on %s', (kind) => {
  const ctx = useTestDatabase(kind);

  describe('insertOnce', () => {
    it('stores a received fax and reads it back as a plain record', async () => {
      const input = newFax({ mailboxLabel: 'billing', retentionUntil: new Date(T + 86_400_000) });

      const { record, created } = await ctx.db.inbound.insertOnce(input);

      expect(created).toBe(true);
      expect(record).toEqual({
        ...input,
        status: 'received',
        documentDeletedAt: null,
        createdAt: expect.any(Date),
        updatedAt: record.createdAt,
      });
      await expect(ctx.db.inbound.findById(input.id)).resolves.toEqual(record);
      await expect(ctx.db.inbound.findByProviderSid('phaxio', input.providerSid)).resolves.toEqual(record);
      expect(Object.getPrototypeOf(await ctx.db.inbound.findById(input.id))).toBe(Object.prototype);
    });

    it('returns null for an unknown id or provider id, and scopes provider ids by backend', async () => {
      const fax = newFax();
      await ctx.db.inbound.insertOnce(fax);

      await expect(ctx.db.inbound.findById('missing')).resolves.toBeNull();
      await expect(ctx.db.inbound.findByProviderSid('sinch', fax.providerSid)).resolves.toBeNull();
    });

    it('returns the existing row with created=false when the provider id was seen before', async () => {
      const first = await ctx.db.inbound.insertOnce(newFax({ providerSid: 'px-repeat' }));

      const again = await ctx.db.inbound.insertOnce(newFax({ providerSid: 'px-repeat', pages: 9 }));

      expect(again).toEqual({ record: first.record, created: false });
    });

    it('keeps the same provider id of another backend apart', async () => {
      const phaxio = await ctx.db.inbound.insertOnce(newFax({ providerSid: 'shared-sid' }));

      const sinch = await ctx.db.inbound.insertOnce(newFax({ backend: 'sinch', providerSid: 'shared-sid' }));

      expect(sinch.created).toBe(true);
      expect(sinch.record.id).not.toBe(phaxio.record.id);
    });

    it('lets exactly one of two concurrent duplicates create the row, and neither throws', async () => {
      const a = newFax({ providerSid: 'px-race' });
      const b = newFax({ providerSid: 'px-race' });

      const results = await Promise.all([ctx.db.inbound.insertOnce(a), ctx.db.inbound.insertOnce(b)]);

      expect(results.map((result) => result.created).sort()).toEqual([false, true]);
      expect(results[0]!.record).toEqual(results[1]!.record);
      const winner = results[0]!.record.id;
      const loser = winner === a.id ? b.id : a.id;
      await expect(ctx.db.inbound.findById(loser)).resolves.toBeNull();
    });

    it('stays race-safe across two databases on the same storage (two processes)', async () => {
      const other = await ctx.target.open();
      const faxes = Array.from({ length: 6 }, () => newFax({ providerSid: 'px-race-2' }));

      const results = await Promise.all(faxes.map((fax, n) => (n % 2 ? other : ctx.db).inbound.insertOnce(fax)));

      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.record.id)).size).toBe(1);
    });

    it('rejects a taken id with another provider id with UNIQUE_VIOLATION', async () => {
      const fax = newFax();
      await ctx.db.inbound.insertOnce(fax);

      await expect(ctx.db.inbound.insertOnce({ ...fax, providerSid: 'px-other' })).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
    });

    it('takes part in a transaction: rolled back with it, and a duplicate keeps the transaction usable', async () => {
      const seen = await ctx.db.inbound.insertOnce(newFax());
      const rolledBack = newFax();
      const failure = new Error('storage failed');

      const outcome = ctx.db.transaction(async (scope) => {
        await ctx.db.inbound.insertOnce(rolledBack, scope);
        throw failure;
      });
      await expect(outcome).rejects.toBe(failure);
      const later = newFax();
      const duplicate = await ctx.db.transaction(async (scope) => {
        const result = await ctx.db.inbound.insertOnce(newFax({ providerSid: seen.record.providerSid }), scope);
        await ctx.db.inbound.insertOnce(later, scope);
        return result;
      });

      await expect(ctx.db.inbound.findById(rolledBack.id)).resolves.toBeNull();
      expect(duplicate).toEqual({ record: seen.record, created: false });
      await expect(ctx.db.inbound.findById(later.id)).resolves.toMatchObject({ id: later.id });
    });
  });

  describe('list', () => {
    // Numbers of their own keep these rows apart from other tests' rows in the same database.
    const to = '+15559990000';
    let expected: InboundFaxRecord[];

    beforeAll(async () => {
      const inputs = [
        ...Array.from({ length: 5 }, () => newFax({ toNumber: to, receivedAt: new Date(T) })),
        ...Array.from({ length: 2 }, () => newFax({ toNumber: to, receivedAt: new Date(T - 1000), mailboxLabel: 'billing' })),
        newFax({ toNumber: to, receivedAt: new Date(T + 1000), mailboxLabel: 'billing-2' }),
      ];
      const records = [];
      for (const input of inputs) records.push((await ctx.db.inbound.insertOnce(input)).record);
      expected = records.sort((x, y) => y.receivedAt.getTime() - x.receivedAt.getTime() || (x.id < y.id ? 1 : -1));
    });

    it('orders newest first, ties by id descending', async () => {
      const { items, next } = await ctx.db.inbound.list({ toNumber: to, limit: 100 });

      expect(items).toEqual(expected);
      expect(next).toBeNull();
    });

    it.each([1, 2, 3, 7])('pages through equal receivedAt values with limit %i, each row once', async (limit) => {
      const pages = await listAll(ctx.db, { toNumber: to, limit });

      expect(pages.flat()).toEqual(expected);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
      expect(pages.at(-1)!.length).toBeGreaterThan(0);
    });

    it('returns next after the last item while more rows follow, and null on the last page', async () => {
      const first = await ctx.db.inbound.list({ toNumber: to, limit: 7 });
      const second = await ctx.db.inbound.list({ toNumber: to, limit: 7, cursor: first.next });
      const exactlyFull = await ctx.db.inbound.list({ toNumber: to, limit: expected.length });

      expect(first.next).toEqual({ receivedAt: expected[6]!.receivedAt, id: expected[6]!.id });
      expect(second).toEqual({ items: [expected[7]], next: null });
      expect(exactlyFull).toEqual({ items: expected, next: null });
    });

    it.each<[string, Omit<InboundFaxFilter, 'limit'>, (fax: InboundFaxRecord) => boolean]>([
      ['mailbox', { mailbox: 'billing' }, (fax) => fax.mailboxLabel === 'billing'],
      ['status', { status: 'received' }, () => true],
      ['an unknown status', { status: 'failed' }, () => false],
      ['an unknown number', { toNumber: '+1555999000' }, () => false],
    ])('filters by %s with an exact match', async (_case, filter, keep) => {
      const { items } = await ctx.db.inbound.list({ toNumber: to, ...filter, limit: 100 });

      expect(items).toEqual(expected.filter(keep));
    });

    it('filters by mailbox alone across all numbers', async () => {
      const { items } = await ctx.db.inbound.list({ mailbox: 'billing-2', limit: 100 });

      expect(items).toEqual(expected.filter((fax) => fax.mailboxLabel === 'billing-2'));
    });

    it.each([0, -1, 2.5])('rejects the limit %p with INVALID_VALUE', async (limit) => {
      await expect(ctx.db.inbound.list({ limit })).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    });
  });
});

describe.each(TEST_DATABASE_KINDS)('InboundFaxRepository retention on %s', (kind) => {
  // A database of its own: the selection is global, so rows of other tests must not show up in it.
  const ctx = useTestDatabase(kind);

  async function insert(retentionUntil: number | null): Promise<InboundFaxRecord> {
    const fax = newFax({ retentionUntil: retentionUntil === null ? null : new Date(retentionUntil) });
    return (await ctx.db.inbound.insertOnce(fax)).record;
  }

  it('selects rows due at or before now whose document still exists, earliest due first', async () => {
    const dueLast = await insert(T);
    const dueFirst = await insert(T - 2000);
    const dueSecond = await insert(T - 1000);
    await insert(T + 1);
    await insert(null);
    const purged = await insert(T - 3000);
    await ctx.db.inbound.markDocumentDeleted(purged.id, new Date(T - 3000));

    const due = await ctx.db.inbound.dueForRetention(new Date(T), 10);
    const firstTwo = await ctx.db.inbound.dueForRetention(new Date(T), 2);

    expect(due).toEqual([dueFirst, dueSecond, dueLast]);
    expect(firstTwo).toEqual([dueFirst, dueSecond]);
  });

  it('marks the document deleted: key cleared, row kept, first time kept, no longer due', async () => {
    const fax = await insert(T - 60_000);
    const at = new Date(T);

    await ctx.db.inbound.markDocumentDeleted(fax.id, at);
    await ctx.db.inbound.markDocumentDeleted(fax.id, new Date(T + 5000));
    await ctx.db.inbound.markDocumentDeleted('missing', at);

    await expect(ctx.db.inbound.findById(fax.id)).resolves.toEqual({
      ...fax,
      documentKey: null,
      documentDeletedAt: at,
      updatedAt: expect.any(Date),
    });
    const due = await ctx.db.inbound.dueForRetention(new Date(T + 60_000), 100);
    expect(due.map((row) => row.id)).not.toContain(fax.id);
  });

  it.each([0, -1, 2.5])('rejects the limit %p with INVALID_VALUE', async (limit) => {
    await expect(ctx.db.inbound.dueForRetention(new Date(T), limit)).rejects.toMatchObject({ code: 'INVALID_VALUE' });
  });
});
