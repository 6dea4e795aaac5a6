#!/usr/bin/env node
// `npm test`: everything CI checks, in order, stopping at the first failure:
// lint → typecheck → server tests on PGlite → server tests on PostgreSQL (when TEST_DATABASE_URL
// is set) → web build → end-to-end journeys in Chromium. Ends with one "tests: N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bin, missingToolsMessage, root, webBuildIsStale, webDir } from './lib.mjs';

const problem = missingToolsMessage();
if (problem) {
  console.error(problem);
  process.exit(1);
}

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiangtai-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const done = [];

function heading(text) {
  console.log(`\n━━━ ${text} ━━━`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) console.error(`无法运行 ${command}：${result.error.message}`);
  return result.status ?? 1;
}

/** Runs vitest with a JSON report beside the usual output, and adds its counts to the totals. */
function vitest(name, rootDir, env, extraArgs = []) {
  const report = path.join(reportDir, `${name}.json`);
  const status = run(
    bin('vitest'),
    [
      'run',
      '--root',
      rootDir,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...extraArgs,
    ],
    { env },
  );
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests ?? 0;
    totals.failed += r.numFailedTests ?? 0;
    totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    return {
      status,
      summary: `${r.numPassedTests} 通过，${r.numFailedTests} 失败（${r.testResults?.length ?? 0} 个文件）`,
    };
  }
  return { status, summary: '没有生成测试报告' };
}

function finish(code) {
  console.log('\n━━━ 结果 ━━━');
  for (const line of done) console.log(line);
  fs.rmSync(reportDir, { recursive: true, force: true });
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exit(code);
}

function step(label, fn) {
  heading(label);
  const started = Date.now();
  const { status, summary } = fn();
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const mark = status === 0 ? '✓' : '✗';
  done.push(`${mark} ${label}${summary ? `：${summary}` : ''}（${seconds} 秒）`);
  if (status !== 0) {
    console.error(`\n✗ ${label} 未通过，已停止后续步骤。`);
    finish(status);
  }
}

const withoutDatabaseUrl = { ...process.env };
delete withoutDatabaseUrl.TEST_DATABASE_URL;

step('1/6 代码规范（eslint + prettier）', () => ({ status: run('npm', ['run', '--silent', 'lint']) }));
step('2/6 类型检查（tsc -b）', () => ({ status: run('npm', ['run', '--silent', 'typecheck']) }));
step('3/6 服务端测试（内置 PGlite）', () => vitest('server-pglite', 'apps/server', withoutDatabaseUrl));
if (process.env.TEST_DATABASE_URL) {
  step('4/6 服务端测试（PostgreSQL）', () => vitest('server-postgres', 'apps/server', process.env));
} else {
  heading('4/6 服务端测试（PostgreSQL）');
  console.log('跳过 PostgreSQL 测试：未设置 TEST_DATABASE_URL');
  done.push('- 4/6 服务端测试（PostgreSQL）：已跳过（未设置 TEST_DATABASE_URL）');
}
step('5/6 构建前端（vite build）并编译服务端', () => {
  const server = run('node', [path.join('scripts', 'build-server.mjs')]);
  if (server !== 0) return { status: server };
  if (!process.env.CI && !webBuildIsStale()) return { status: 0, summary: '前端已是最新，未重新构建' };
  return { status: run(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: webDir }) };
});
step('6/6 端到端测试（Chromium）', () => vitest('e2e', 'e2e', withoutDatabaseUrl, ['--passWithNoTests']));
finish(0);
