import { TEST_DATABASE_KINDS, useTestDatabase } from '../testing/test-database.test-helpers';

// Same length and prefix for every number, so string order is creation order.
const base = `+1555${String(Date.now()).slice(-6)}`;
let counter = 0;
const uniqueNumber = () => `${base}${String(counter++).padStart(3, '0')}`;

describe.each(TEST_DATABASE_KINDS)('InboundRuleRepository on %s', (kind) => {
  const ctx = useTestDatabase(kind);

  it('inserts a rule and finds it for exactly its number', async () => {
    const toNumber = uniqueNumber();

    const rule = await ctx.db.inboundRules.insert({ toNumber, mailboxLabel: 'billing' });

    expect(rule).toEqual({ id: expect.any(String), toNumber, mailboxLabel: 'billing', createdAt: expect.any(Date) });
    await expect(ctx.db.inboundRules.findForNumber(toNumber)).resolves.toEqual(rule);
    await expect(ctx.db.inboundRules.findForNumber(toNumber.slice(0, -1))).resolves.toBeNull();
  });

  it('allows one rule per number (UNIQUE_VIOLATION)', async () => {
    const toNumber = uniqueNumber();
    await ctx.db.inboundRules.insert({ toNumber, mailboxLabel: 'billing' });

    await expect(ctx.db.inboundRules.insert({ toNumber, mailboxLabel: 'other' })).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
  });

  it('lists rules by number', async () => {
    const numbers = [uniqueNumber(), uniqueNumber(), uniqueNumber()];
    for (const toNumber of [numbers[2]!, numbers[0]!, numbers[1]!]) await ctx.db.inboundRules.insert({ toNumber, mailboxLabel: 'list' });

    const listed = (await ctx.db.inboundRules.list()).map((rule) => rule.toNumber).filter((toNumber) => numbers.includes(toNumber));

    expect(listed).toEqual(numbers);
  });

  it('counts the rules that route to a mailbox', async () => {
    await ctx.db.inboundRules.insert({ toNumber: uniqueNumber(), mailboxLabel: 'counted' });
    await ctx.db.inboundRules.insert({ toNumber: uniqueNumber(), mailboxLabel: 'counted' });
    await ctx.db.inboundRules.insert({ toNumber: uniqueNumber(), mailboxLabel: 'counted-not' });

    await expect(ctx.db.inboundRules.countForMailbox('counted')).resolves.toBe(2);
    await expect(ctx.db.inboundRules.countForMailbox('nobody')).resolves.toBe(0);
  });

  it('deletes by id, reporting whether it existed', async () => {
    const rule = await ctx.db.inboundRules.insert({ toNumber: uniqueNumber(), mailboxLabel: 'billing' });

    await expect(ctx.db.inboundRules.delete(rule.id)).resolves.toBe(true);
    await expect(ctx.db.inboundRules.delete(rule.id)).resolves.toBe(false);
    await expect(ctx.db.inboundRules.findForNumber(rule.toNumber)).resolves.toBeNull();
  });
});
