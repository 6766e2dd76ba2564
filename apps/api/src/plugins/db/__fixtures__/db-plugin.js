// An outbound plugin that exercises deps.db from wherever it runs (in a worker thread or a child
// process for the isolation specs). send() runs the scenario and returns what it saw.
const MIGRATIONS = [{ id: '0001-receipts', sql: ['CREATE TABLE receipts (job_id TEXT PRIMARY KEY, pages INTEGER NOT NULL)'] }];

const codeOf = (promise) => promise.then(() => null, (error) => error.code ?? error.message);

class DbPlugin {
  async validateConfig() {
    return { ok: true };
  }

  async start(config, deps) {
    this.deps = deps;
    this.migrated = await deps.db.sql.migrate(MIGRATIONS);
  }

  async send(options) {
    const { db } = this.deps;
    await db.documents.put('last-job', { jobId: options.jobId });
    await db.sql.transaction(async (tx) => {
      await tx.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', [options.jobId, 1]);
    });
    const rolledBack = await codeOf(
      db.sql.transaction(async (tx) => {
        await tx.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', [`${options.jobId}-undone`, 1]);
        throw new Error('undo');
      }),
    );
    const receipts = (await db.sql.query('SELECT job_id FROM receipts ORDER BY job_id')).rows.map((row) => row.job_id);
    return {
      providerSid: `sid-${options.jobId}`,
      status: 'in_progress',
      echo: {
        dialect: db.sql.dialect,
        migrated: this.migrated.applied,
        lastJob: await db.documents.get('last-job'),
        receipts,
        rolledBack,
        coreTable: await codeOf(db.sql.query('SELECT * FROM fax_jobs')),
        badKey: await codeOf(db.documents.put('a key', 1)),
        nested: await codeOf(db.sql.transaction(async () => db.sql.query('SELECT 1'))),
      },
    };
  }

  async getStatus() {
    return { status: 'SUCCESS' };
  }
}

module.exports = { createPlugin: () => new DbPlugin() };
