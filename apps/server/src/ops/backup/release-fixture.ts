import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createTestContext } from '../../test/harness.ts';
import { openSemifinal, reviewScene, scoresAt } from '../../modules/reviews/test-scene.ts';
import { tempDir } from '../../modules/uploads/test-support.ts';
import { APP_VERSION } from '../../lib/version.ts';
import { createBackup } from './backup.ts';

/**
 * Makes fixtures/release-<version>.tar: a backup made by this release's migrations with data in it
 * (a review scene with submitted scores and one stored file). Kept in the repository so every later
 * release proves it upgrades this release's data (upgrade.test.ts). Run once per release:
 *   npx tsx apps/server/src/ops/backup/release-fixture.ts
 */
async function main() {
  const dataDir = tempDir('jt-fixture-');
  const t = await createTestContext({ env: { DATA_DIR: dataDir } });
  try {
    const s = await reviewScene(t, 'rf');
    const round = await openSemifinal(s.organiser.client, s.campaignId);
    const id = round.round.id;
    await s.organiser.client.post(`/api/rounds/${id}/judges`, { userIds: s.judges.map((j) => j.id) });
    await s.organiser.client.post(`/api/rounds/${id}/assign`);
    for (const [i, j] of s.judges.entries()) {
      const queue = (await j.client.get(`/api/judging/rounds/${id}`)).json<{ items: { code: string }[] }>();
      for (const item of queue.items)
        await j.client.put(`/api/judging/rounds/${id}/items/${item.code}/score`, {
          scores: scoresAt(round.round.config, 0.6 + i * 0.1),
          submit: true,
        });
    }
    const bytes = Buffer.from('%PDF-1.4\n% 讲稿（发布版本备份样例）\n', 'utf8');
    const key = '2026/07/fixture-manuscript.pdf';
    fs.mkdirSync(path.join(dataDir, 'files', '2026', '07'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'files', key), bytes);
    await t.db
      .insertInto('stored_files')
      .values({
        detected_type: 'pdf',
        mime: 'application/pdf',
        size_bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        original_name: '讲稿.pdf',
        storage: 'local',
        storage_key: key,
        uploaded_by: null,
      })
      .execute();
    const outDir = path.join(import.meta.dirname, 'fixtures');
    const out = await createBackup({ db: t.db, dbKind: t.kind, dataDir, outDir, now: new Date() });
    const target = path.join(outDir, `release-${APP_VERSION}.tar`);
    fs.renameSync(out.archive, target);
    console.log(`已生成 ${path.relative(process.cwd(), target)}（迁移到 ${out.manifest.migrations.at(-1)}）`);
  } finally {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
