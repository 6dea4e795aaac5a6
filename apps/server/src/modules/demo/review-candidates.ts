import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type { DB } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { localFilePath, newStorageKey } from '../uploads/stored-files.ts';
import { insertEntry, insertEvent, insertMaterial } from '../entries/repository.ts';
import { firstSecretary } from './entries.ts';

interface OrgRef {
  id: string;
  path: string;
  type: string;
  tag?: string;
}

const PLAN = [
  { title: '从“半条被子”看初心', category: 'history' },
  { title: '把党章学在经常', category: 'regulations' },
  { title: '新思想里的民生温度', category: 'theory' },
  { title: '身边的螺丝钉', category: 'models' },
  { title: '一封家书的力量', category: 'history' },
  { title: '基层治理的小切口', category: 'theory' },
];

/**
 * Six entries that other units (not the demo unit admins' 市教育局 and 市财政局) have already
 * recommended into the 岳阳-style campaign's 复赛, each with a manuscript, so an organiser can open
 * the 复赛 review round at once and judges have something to read.
 */
export async function seedReviewCandidates(
  tx: Transaction<DB>,
  deps: Pick<AppDeps, 'config'>,
  { orgs, now }: { orgs: OrgRef[]; now: Date },
): Promise<number> {
  const campaign = await tx
    .selectFrom('campaigns')
    .select(['id', 'organiser_org_path'])
    .where('preset_key', '=', 'yueyang')
    .executeTakeFirst();
  if (!campaign) return 0;
  const units = orgs
    .filter((o) => o.path === `${campaign.organiser_org_path}${o.id}.` && o.type === 'unit' && !o.tag)
    .slice(0, PLAN.length);
  let made = 0;
  for (const [i, unit] of units.entries()) {
    const p = PLAN[i]!;
    const member = await firstSecretary(tx, unit.path);
    if (!member) continue;
    const id = await insertEntry(tx, {
      campaignId: campaign.id,
      stageKey: 'preliminary',
      memberId: member.id,
      unit: { id: unit.id, path: unit.path },
      title: p.title,
      categoryKey: p.category,
      outline: '一、故事\n二、道理\n三、行动',
      createdBy: null,
      now,
    });
    await tx.updateTable('entries').set({ state: 'recommended' }).where('id', '=', id).execute();
    await insertEvent(tx, {
      entryId: id,
      from: null,
      to: 'recommended',
      actorUserId: null,
      actorName: '演示数据',
      at: now,
    });
    const fileId = await storeManuscript(tx, deps, p.title, now);
    await insertMaterial(tx, {
      entryId: id,
      material: 'manuscript',
      fileId,
      findings: [],
      createdBy: null,
      now,
    });
    made += 1;
  }
  return made;
}

/** A short manuscript DOCX (no author in its properties), stored as a finished upload would be. */
async function storeManuscript(tx: Transaction<DB>, deps: Pick<AppDeps, 'config'>, title: string, now: Date) {
  const doc = new Document({
    creator: '',
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: title, bold: true, size: 32 })] }),
          new Paragraph('同志们：今天我用八分钟，和大家讲一个发生在我们身边的故事。'),
          new Paragraph('故事虽小，道理却大。它告诉我们，初心不是口号，而是每一天的坚守。'),
          new Paragraph('让我们从身边做起，从小事做起，把学习成果转化为推动工作的实际行动。'),
        ],
      },
    ],
  });
  const bytes = Buffer.from(await Packer.toBuffer(doc));
  const key = newStorageKey(now);
  const file = localFilePath(deps, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  const row = await tx
    .insertInto('stored_files')
    .values({
      detected_type: 'docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      size_bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      original_name: `${title}.docx`,
      storage: 'local',
      storage_key: key,
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
