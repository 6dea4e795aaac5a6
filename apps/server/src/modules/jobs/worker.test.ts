import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WORKER = fileURLToPath(new URL('../../worker.ts', import.meta.url));

describe('npm run worker', () => {
  it('refuses the embedded database with a message that says what to do', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: 'memory://' };
    delete env.DATABASE_URL;
    const res = spawnSync(process.execPath, ['--import', 'tsx', WORKER], { env, encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('独立的任务处理进程需要 PostgreSQL 数据库：请设置 DATABASE_URL');
    expect(res.stderr).toContain('JOBS_IN_PROCESS=true');
  });
});
