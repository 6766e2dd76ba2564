import { newId } from '../new-id';
import { TEST_DATABASE_KINDS, useTestDatabase } from '../testing/test-database.test-helpers';

const uniqueLabel = (prefix: string) => `${prefix}-${newId().slice(0, 8)}`;

describe.each(TEST_DATABASE_KINDS)('MailboxRepository on %s', (kind) => {
  const ctx = useTestDatabase(kind);

  it('inserts a mailbox and reads it back by label', async () => {
    const label = uniqueLabel('billing');

    const inserted = await ctx.db.mailboxes.insert({ label, note: 'front desk' });

    expect(inserted).toEqual({ id: expect.any(String), label, note: 'front desk', createdAt: expect.any(Date), updatedAt: inserted.createdAt });
    await expect(ctx.db.mailboxes.findByLabel(label)).resolves.toEqual(inserted);
    await expect(ctx.db.mailboxes.findByLabel('missing')).resolves.toBeNull();
  });

  it('rejects a taken label with UNIQUE_VIOLATION', async () => {
    const label = uniqueLabel('dup');
    await ctx.db.mailboxes.insert({ label, note: null });

    await expect(ctx.db.mailboxes.insert({ label, note: 'again' })).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
  });

  it('lists mailboxes by label', async () => {
    const prefix = uniqueLabel('order');
    for (const suffix of ['c', 'a', 'b']) await ctx.db.mailboxes.insert({ label: `${prefix}-${suffix}`, note: null });

    const labels = (await ctx.db.mailboxes.list()).map((mailbox) => mailbox.label).filter((label) => label.startsWith(prefix));

    expect(labels).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
  });

  it('updates the note, clears it with null, and returns null for an unknown label', async () => {
    const mailbox = await ctx.db.mailboxes.insert({ label: uniqueLabel('notes'), note: 'old' });

    const updated = await ctx.db.mailboxes.update(mailbox.label, { note: 'new' });
    const cleared = await ctx.db.mailboxes.update(mailbox.label, { note: null });

    expect(updated).toEqual({ ...mailbox, note: 'new', updatedAt: expect.any(Date) });
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(mailbox.updatedAt.getTime());
    expect(cleared).toMatchObject({ id: mailbox.id, note: null });
    await expect(ctx.db.mailboxes.update('missing', { note: 'x' })).resolves.toBeNull();
  });

  it('deletes by label, reporting whether it existed', async () => {
    const mailbox = await ctx.db.mailboxes.insert({ label: uniqueLabel('gone'), note: null });

    await expect(ctx.db.mailboxes.delete(mailbox.label)).resolves.toBe(true);
    await expect(ctx.db.mailboxes.delete(mailbox.label)).resolves.toBe(false);
    await expect(ctx.db.mailboxes.findByLabel(mailbox.label)).resolves.toBeNull();
  });
});
