import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, migrate } from './database.ts';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('migrating while other schemas are dropped', () => {
  // Kysely reads the whole catalog before migrating; a schema vanishing under it must not fail the run.
  it('is not disturbed by other runs dropping their schemas', async () => {
    const admin = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
    const victims = Array.from({ length: 40 }, () => `t_${randomBytes(6).toString('hex')}`);
    for (const v of victims)
      await sql`CREATE SCHEMA ${sql.id(v)}; CREATE TABLE ${sql.id(v)}.x (id serial primary key)`.execute(
        admin.db,
      );
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const mine = await openDatabase({ databaseUrl: url, dataDir: 'memory://', schema });
    const dropping = (async () => {
      for (const v of victims) await sql`DROP SCHEMA ${sql.id(v)} CASCADE`.execute(admin.db);
    })();
    await expect(migrate(mine.db, schema)).resolves.toBeUndefined();
    await dropping;
    await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(admin.db);
    await mine.close();
    await admin.close();
  }, 60_000);
});
