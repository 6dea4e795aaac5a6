/**
 * The server as main.ts starts it (config from the environment, PGlite in DATA_DIR, migrations,
 * listen), plus the test upload purpose and one known account: the process the crash test
 * SIGKILLs in the middle of an upload and starts again. Run with `node --import tsx`, so the
 * server is this very process (the tsx CLI would put a parent process in between).
 */
import { loadConfig } from '../../config.ts';
import { buildApp } from '../../app.ts';
import { openRuntime } from '../../runtime.ts';
import { hashPassword } from '../../lib/password.ts';
import { FAULT_PASSWORD, FAULT_USER, testPurpose } from './test-purpose.ts';

const config = loadConfig();
const { database, deps } = await openRuntime(config);
const exists = await database.db
  .selectFrom('users')
  .select('id')
  .where('username', '=', FAULT_USER)
  .executeTakeFirst();
if (!exists)
  await database.db
    .insertInto('users')
    .values({
      username: FAULT_USER,
      display_name: '断电测试',
      password_hash: await hashPassword(FAULT_PASSWORD),
      must_change_password: false,
    })
    .execute();
const app = await buildApp({
  ...deps,
  dbKind: database.kind,
  extraUploadPurposes: [testPurpose],
});
await app.listen({ host: '127.0.0.1', port: config.PORT });
console.log(`listening ${config.PORT}`);
