import { QueryFailedError } from 'typeorm';
import { DatabaseError } from './database-error';
import { asUniqueViolation } from './unique-violation';

function driverFailure(code: string): QueryFailedError {
  return new QueryFailedError('INSERT …', [], Object.assign(new Error('driver says no'), { code }));
}

describe('asUniqueViolation', () => {
  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505'])('maps driver code %s to UNIQUE_VIOLATION', (code) => {
    const failure = driverFailure(code);

    const mapped = asUniqueViolation(failure, 'fax_jobs');

    expect(mapped).toBeInstanceOf(DatabaseError);
    expect(mapped).toMatchObject({ code: 'UNIQUE_VIOLATION', cause: failure });
  });

  it.each([
    ['a foreign key failure on SQLite', driverFailure('SQLITE_CONSTRAINT_FOREIGNKEY')],
    ['a foreign key failure on PostgreSQL', driverFailure('23503')],
    ['an error that is not a query failure', new Error('boom')],
  ])('returns %s unchanged', (_case, error) => {
    expect(asUniqueViolation(error, 'fax_jobs')).toBe(error);
  });
});
