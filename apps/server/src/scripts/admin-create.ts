import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { systemClock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { createFirstAdmin } from '../modules/accounts/first-admin.ts';

const USAGE = `用法：npm run admin:create -- --username <登录名> --name <姓名> [--org <最上级组织名称>] [--force]
  也可用环境变量 ADMIN_USERNAME、ADMIN_NAME、ADMIN_ORG。
  --org    组织架构为空时必填（例如 "某某市委"），会创建这个最上级组织
  --force  已有系统管理员时仍再建一个（例如原管理员离职、密码遗失）`;

/**
 * `npm run admin:create`: the first system administrator of a new installation, without prompts.
 * Uses the server's configuration (DATA_DIR or DATABASE_URL). Prints a one-time password.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const username = values.username ?? process.env.ADMIN_USERNAME;
  const displayName = values.name ?? process.env.ADMIN_NAME;
  if (values.help || !username || !displayName) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 1;
    return;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    const admin = await createFirstAdmin(
      { db: database.db, clock: systemClock, config },
      { username, displayName, rootOrgName: values.org ?? process.env.ADMIN_ORG, force: values.force },
    );
    if (admin.createdRoot) console.log(`已创建最上级组织「${admin.org}」。`);
    console.log(`已创建系统管理员（${admin.org}）：`);
    console.log(`  用户名   ${admin.username}`);
    console.log(`  临时密码 ${admin.temporaryPassword}`);
    console.log('临时密码只显示这一次，请立即登录并按提示设置新密码（管理员密码至少 10 位）。');
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof AppError || err instanceof Error ? err.message : err);
  process.exit(1);
});
