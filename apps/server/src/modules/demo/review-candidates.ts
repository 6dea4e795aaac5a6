import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { genderLabels, type CampaignSettings } from '@jiangtai/contracts';
import type { DB, DetectedFileType } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { localFilePath, newStorageKey } from '../uploads/stored-files.ts';
import { insertEntry, insertEvent, insertMaterial } from '../entries/repository.ts';
import { enqueueTranscode } from '../media/assets-service.ts';
import { probeMedia } from '../media/probe.ts';
import { fileSource } from '../media/source.ts';
import { checkMediaSpec } from '../media/spec-check.ts';
import { firstSecretary } from './entries.ts';
import type { FinalistMedia } from './finalist-media.ts';

interface OrgRef {
  id: string;
  path: string;
  type: string;
  name: string;
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
 * recommended into the 岳阳-style campaign's 复赛, each complete as the campaign asks: a manuscript,
 * a lecture video and the stamped 推荐表 (the last two generated with ffmpeg, when it is there), so an
 * organiser can open the 复赛 review round at once and judges have something to read and watch. The
 * video goes the way an upload goes: checked against the spec and queued for HLS. The 推荐表 scan gets
 * no platform PDF: judges never see the 推荐表, and the first start's job queue stays short.
 */
export async function seedReviewCandidates(
  tx: Transaction<DB>,
  deps: Pick<AppDeps, 'config'>,
  { orgs, now, media }: { orgs: OrgRef[]; now: Date; media: FinalistMedia | null },
): Promise<number> {
  const campaign = await tx
    .selectFrom('campaigns')
    .select(['id', 'organiser_org_path', 'title', 'settings'])
    .where('preset_key', '=', 'yueyang')
    .executeTakeFirst();
  if (!campaign) return 0;
  const units = orgs
    .filter((o) => o.path === `${campaign.organiser_org_path}${o.id}.` && o.type === 'unit' && !o.tag)
    .slice(0, PLAN.length);
  const settings = campaign.settings as CampaignSettings;
  const findings = media ? await videoFindings(media.videoPath, settings) : null;
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
    if (media && findings) {
      const video = await storeFile(tx, deps, {
        bytes: await fs.promises.readFile(media.videoPath),
        type: 'mp4',
        mime: 'video/mp4',
        name: `${p.title}.mp4`,
        now,
      });
      await insertMaterial(tx, {
        entryId: id,
        material: 'video',
        fileId: video,
        findings,
        createdBy: null,
        now,
      });
      await enqueueTranscode(tx, { fileId: video, orgPath: unit.path, now });
      const speaker = await speakerFacts(tx, member.id);
      const scan = await storeFile(tx, deps, {
        bytes: await media.scan({
          campaignTitle: campaign.title,
          unitName: unit.name,
          name: member.name,
          gender: genderLabels[speaker.gender],
          orgAndPosition: `${speaker.org_name} ${speaker.positions.filter((x) => x !== '党员').join('、')}`,
          title: p.title,
        }),
        type: 'pdf',
        mime: 'application/pdf',
        name: '推荐表（盖章扫描件）.pdf',
        now,
      });
      await insertMaterial(tx, {
        entryId: id,
        material: 'recommendation_scan',
        fileId: scan,
        findings: [],
        createdBy: null,
        now,
      });
    }
    made += 1;
  }
  return made;
}

/** The spec check an upload gets; a hard-limit refusal would leave the demo without the video. */
async function videoFindings(videoPath: string, settings: CampaignSettings) {
  const source = await fileSource(videoPath);
  try {
    const found = checkMediaSpec(await probeMedia(source, videoPath), settings.mediaSpec);
    return found.some((f) => f.severity === 'reject') ? null : found;
  } finally {
    await source.close?.();
  }
}

function speakerFacts(tx: Transaction<DB>, memberId: string) {
  return tx
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.gender', 'm.positions', 'o.name as org_name'])
    .where('m.id', '=', memberId)
    .executeTakeFirstOrThrow();
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
  return storeFile(tx, deps, {
    bytes: Buffer.from(await Packer.toBuffer(doc)),
    type: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name: `${title}.docx`,
    now,
  });
}

/** Bytes under DATA_DIR/files with their stored_files row, as a finished upload leaves them. */
async function storeFile(
  tx: Transaction<DB>,
  deps: Pick<AppDeps, 'config'>,
  f: { bytes: Buffer; type: DetectedFileType; mime: string; name: string; now: Date },
) {
  const key = newStorageKey(f.now);
  const file = localFilePath(deps, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, f.bytes);
  const row = await tx
    .insertInto('stored_files')
    .values({
      detected_type: f.type,
      mime: f.mime,
      size_bytes: f.bytes.length,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
      original_name: f.name,
      storage: 'local',
      storage_key: key,
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
