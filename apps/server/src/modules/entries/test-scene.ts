import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CampaignPresetKey, EntryMaterialKind, MaterialFinding } from '@jiangtai/contracts';
import type { DetectedFileType } from '../../db/types.ts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { insertCampaign } from '../campaigns/repository.ts';
import { insertMaterial } from './repository.ts';

/** A test app whose DATA_DIR is a fresh temp folder (files written by tests land there). */
export async function entriesTestContext() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-entries-'));
  const t = await createTestContext({ env: { DATA_DIR: dataDir } });
  return {
    t,
    dataDir,
    close: async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A published campaign organised by `org` (whole subtree taking part), dates of the given year. */
export function publishedCampaign(
  t: TestContext,
  org: { id: string; path: string },
  preset: CampaignPresetKey = 'yueyang',
  year = 2026,
) {
  return insertCampaign(t.db, {
    settings: buildPresetSettings(preset, { year }),
    organiserOrgId: org.id,
    organiserOrgPath: org.path,
    status: 'published',
    presetKey: preset,
    copiedFromId: null,
    createdBy: null,
    now: new Date(),
  });
}

/** An account linked to a new member (the speaker), logged in. */
export async function speaker(
  t: TestContext,
  org: { id: string; path: string },
  username: string,
  member: Parameters<TestContext['factories']['member']>[1] = {},
) {
  const m = await t.factories.member(org, { positions: ['书记'], ...member });
  const u = await t.factories.user([{ role: 'member', org }], { username, displayName: m.name });
  await t.db.updateTable('users').set({ member_id: m.id }).where('id', '=', u.id).execute();
  return { member: m, client: await t.login(username) };
}

/**
 * Puts a file on an entry as a finished upload would (stored_files row, bytes under DATA_DIR/files,
 * entry_materials row), for tests of what happens after uploading.
 */
export async function attachFile(
  t: TestContext,
  dataDir: string,
  entryId: string,
  material: EntryMaterialKind,
  opts: { type?: DetectedFileType; findings?: MaterialFinding[]; bytes?: Buffer } = {},
) {
  const type = opts.type ?? (material === 'video' ? 'mp4' : 'pdf');
  const bytes = opts.bytes ?? Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(64)]);
  const key = `test/${randomBytes(8).toString('hex')}`;
  fs.mkdirSync(path.join(dataDir, 'files', 'test'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'files', key), bytes);
  const mime =
    { mp4: 'video/mp4', pdf: 'application/pdf' }[type as 'mp4' | 'pdf'] ?? 'application/octet-stream';
  const file = await t.db
    .insertInto('stored_files')
    .values({
      detected_type: type,
      mime,
      size_bytes: bytes.length,
      sha256: 'x'.repeat(64),
      original_name: `upload.${type}`,
      storage: 'local',
      storage_key: key,
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const materialId = await insertMaterial(t.db, {
    entryId,
    material,
    fileId: file.id,
    findings: opts.findings ?? [],
    createdBy: (await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
    now: new Date(),
  });
  return { fileId: file.id, materialId, bytes };
}

/** Creates an entry through the API; fails the test on anything but 201. */
export async function createEntry(client: Client, campaignId: string, body: Record<string, unknown> = {}) {
  const res = await client.post(`/api/campaigns/${campaignId}/entries`, {
    stageKey: 'preliminary',
    title: '把支部建在连上',
    categoryKey: 'history',
    outline: '一、三湾改编\n二、今天的意义',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`create entry failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; state: string }>();
}

export type { Client };
