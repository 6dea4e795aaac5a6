/**
 * The server for bench/archive-zip.ts: the app as main.ts builds it (PGlite in DATA_DIR), plus one unit
 * with ARCHIVE_BENCH_FILES videos of ARCHIVE_BENCH_FILE_MB each (entries' materials) and 40 lectures with
 * a 2 MB photo, written straight to DATA_DIR/files and registered as stored files. Run with
 * `node --import tsx` so the measured process is this one. Prints one JSON line when listening.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../apps/server/src/config.ts';
import { buildApp } from '../../apps/server/src/app.ts';
import { openRuntime } from '../../apps/server/src/runtime.ts';
import { Factories } from '../../apps/server/src/test/factories.ts';
import { buildPresetSettings } from '../../apps/server/src/modules/campaigns/presets.ts';
import { insertCampaign } from '../../apps/server/src/modules/campaigns/repository.ts';
import { insertEntry } from '../../apps/server/src/modules/entries/repository.ts';
import { filesRoot } from '../../apps/server/src/modules/uploads/stored-files.ts';

const MB = 1024 * 1024;
const files = Number(process.env.ARCHIVE_BENCH_FILES ?? 20);
const fileMb = Number(process.env.ARCHIVE_BENCH_FILE_MB ?? 100);

const config = loadConfig();
const { database, deps } = await openRuntime(config);
const { db } = deps;
async function seed() {
  const f = new Factories(deps);
  const city = await f.org({ name: '市委', type: 'committee' });
  const unit = await f.org({ name: '市教育局', type: 'unit', parent: city });
  const branch = await f.org({ name: '机关第一支部', type: 'branch', parent: unit });
  await f.user([{ role: 'platform_admin', org: city }], { username: 'bench_admin' });
  const campaignId = await insertCampaign(db, {
    settings: buildPresetSettings('yueyang', { year: 2026 }),
    organiserOrgId: city.id,
    organiserOrgPath: city.path,
    status: 'published',
    presetKey: 'yueyang',
    copiedFromId: null,
    createdBy: null,
    now: new Date(),
  });

  /** A file of `mb` MB from one random block (the first bytes vary per file), written in 1 MB writes. */
  const block = randomBytes(MB);
  const keys: string[] = [];
  function writeFile(mb: number, n: number, listed = true): string {
    const key = `bench/${n}`;
    const target = path.join(filesRoot(deps), key);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const fd = fs.openSync(target, 'w');
    for (let i = 0; i < mb; i++) {
      block.writeUInt32LE(n * 100_000 + i, 0);
      fs.writeSync(fd, block);
    }
    fs.closeSync(fd);
    if (listed) keys.push(target);
    return key;
  }
  const stored = async (key: string, mb: number, type: 'mp4' | 'jpeg') =>
    (
      await db
        .insertInto('stored_files')
        .values({
          detected_type: type,
          mime: type === 'mp4' ? 'video/mp4' : 'image/jpeg',
          size_bytes: mb * MB,
          sha256: '0'.repeat(64),
          original_name: `bench.${type}`,
          storage: 'local',
          storage_key: key,
          uploaded_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  let n = 0;
  for (let i = 0; i < files; i++) {
    const member = await f.member(branch, { name: `宣讲人${i + 1}`, positions: ['党员'], phone: null });
    const entryId = await insertEntry(db, {
      campaignId,
      stageKey: 'preliminary',
      memberId: member.id,
      unit: { id: unit.id, path: unit.path },
      title: `作品${i + 1}`,
      categoryKey: 'theory',
      outline: '',
      createdBy: null,
      now: new Date('2026-07-20T02:00:00Z'),
    });
    await db.updateTable('entries').set({ state: 'submitted' }).where('id', '=', entryId).execute();
    const fileId = await stored(writeFile(fileMb, n++), fileMb, 'mp4');
    await db
      .insertInto('entry_materials')
      .values({
        entry_id: entryId,
        material: 'video',
        file_id: fileId,
        findings: '[]',
        created_at: new Date(),
      })
      .execute();
  }
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'bench_admin')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < 40; i++) {
    const rec = await db
      .insertInto('lecture_records')
      .values({
        campaign_id: campaignId,
        org_id: branch.id,
        org_path: branch.path,
        held_on: `2026-08-${String((i % 28) + 1).padStart(2, '0')}`,
        occasion: 'theme_day',
        topic: `主题党日宣讲${i + 1}`,
        category_key: 'theory',
        guest_speaker_name: '专家',
        attendance: 20,
        created_by: admin.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('lecture_record_files')
      .values({
        record_id: rec.id,
        org_id: branch.id,
        kind: 'photo',
        file_id: await stored(writeFile(2, n++), 2, 'jpeg'),
        thumb_file_id: await stored(writeFile(1, n++, false), 1, 'jpeg'),
        uploaded_by: admin.id,
      })
      .execute();
  }
  return { unitId: unit.id, campaignId, password: Factories.PASSWORD, files: keys };
}

// Seeding runs in a process of its own (ARCHIVE_BENCH_SEED_ONLY), so the measured server's idle memory
// is a server's, not a seeder's that wrote 2 GB.
const infoFile = path.join(config.dataDir, 'bench-info.json');
if (!fs.existsSync(infoFile)) fs.writeFileSync(infoFile, JSON.stringify(await seed()));
if (process.env.ARCHIVE_BENCH_SEED_ONLY) {
  await database.close();
  process.exit(0);
}
const info = JSON.parse(fs.readFileSync(infoFile, 'utf8')) as Record<string, unknown>;
const app = await buildApp({ ...deps, dbKind: database.kind });
await app.listen({ host: '127.0.0.1', port: config.PORT });
// The files' paths let the baseline zip exactly the same bytes.
console.log(JSON.stringify({ listening: config.PORT, ...info }));
