import type { ArchiveFileRef, ArchiveTimeline, ArchiveTimelineQuery } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AuditWho } from '../audit/service.ts';
import { materialFileName } from '../entries/file-names.ts';
import { canView as canViewEntry } from '../entries/policy.ts';
import { canSeeResults } from '../reviews/policy.ts';
import * as repo from './repository.ts';
import { assertRange, loadArchiveScope } from './scope.ts';
import { archiveZip } from './zip.ts';
import { seasonSummary } from './summary.ts';

const LECTURE_KIND: Record<string, string> = { photo: '照片', video: '视频', manuscript: '讲稿' };

/** 活动档案: the season's material of an org's subtree as a timeline, a zip and a summary draft. */
export function archiveService(deps: AppDeps) {
  const { db, clock } = deps;
  const year = () => Number(clock.now().toISOString().slice(0, 4));

  async function timeline(actor: Actor, q: ArchiveTimelineQuery): Promise<ArchiveTimeline> {
    assertRange(q.from, q.to);
    const { org, campaign, season } = await loadArchiveScope(db, actor, q.orgId, q.campaignId, year());
    const rows = await repo.listItems(
      db,
      {
        campaignId: campaign.id,
        path: org.path,
        seasonFrom: season.from,
        seasonTo: season.to,
        category: q.category,
        from: q.from,
        to: q.to,
      },
      { limit: q.pageSize + 1, offset: (q.page - 1) * q.pageSize },
    );
    const page = rows.slice(0, q.pageSize);
    const ids = (c: string) => page.filter((r) => r.category === c).map((r) => r.id);
    const [lectureFiles, entryFiles, awards] = await Promise.all([
      repo.lectureFiles(db, ids('lecture')),
      repo.entryFiles(db, ids('entry')),
      repo.awardItems(db, ids('result')),
    ]);
    const files = new Map<string, ArchiveFileRef[]>();
    const add = (key: string, f: ArchiveFileRef) => files.set(key, [...(files.get(key) ?? []), f]);
    for (const f of lectureFiles)
      add(`lecture:${f.record_id}`, {
        name: `${LECTURE_KIND[f.kind] ?? '文件'}.${f.detected_type === 'jpeg' ? 'jpg' : f.detected_type}`,
        kind: f.kind,
        sizeBytes: Number(f.size_bytes),
        url: `/api/lectures/files/${f.id}`,
        thumbUrl: f.kind === 'photo' && f.thumb_file_id ? `/api/lectures/files/${f.id}?variant=thumb` : null,
      });
    // An entry's files link to the entries module, which serves them to those who may view the entry
    // (the speaker, admins over the unit, the campaign's managers); a 监督员 reads the entry in the
    // timeline without links that would refuse them (the zip, the archive's own download, has them).
    const openable = entryFiles.filter((f) =>
      canViewEntry(actor, {
        memberId: f.member_id,
        unitPath: f.unit_org_path,
        organiserOrgPath: f.organiser_org_path,
      }),
    );
    for (const f of openable)
      add(`entry:${f.entry_id}`, {
        name: materialFileName(f.speaker_name, f.material, f.detected_type),
        kind: f.material,
        sizeBytes: Number(f.size_bytes),
        url: `/api/entries/${f.entry_id}/materials/${f.id}/file`,
        thumbUrl: null,
      });
    // The certificate link only for those the awards module lets download it (the round's organisers
    // and supervisors); everyone else reads the result without a link that would refuse them.
    for (const a of awards.filter((x) =>
      canSeeResults(actor, { organiserOrgPath: x.organiser_org_path, scopeOrgPath: x.scope_org_path }),
    ))
      add(`result:${a.id}`, {
        name: `${a.certificate_no}.pdf`,
        kind: 'certificate',
        sizeBytes: 0,
        url: `/api/rounds/${a.round_id}/awards/certificates/${a.id}`,
        thumbUrl: null,
      });
    return {
      org: { id: org.id, name: org.name },
      campaign: { id: campaign.id, title: campaign.title },
      items: page.map((r) => ({
        key: `${r.category}:${r.id}`,
        category: r.category,
        date: r.day,
        orgName: r.org_name,
        title: r.title,
        detail: r.detail,
        files: files.get(`${r.category}:${r.id}`) ?? [],
      })),
      page: q.page,
      pageSize: q.pageSize,
      hasMore: rows.length > q.pageSize,
    };
  }

  async function zip(actor: Actor, q: { orgId: string; campaignId: string }, who: AuditWho, origin: string) {
    const scope = await loadArchiveScope(db, actor, q.orgId, q.campaignId, year());
    return archiveZip(deps, scope, who, origin);
  }

  async function summary(actor: Actor, q: { orgId: string; campaignId: string }, who: AuditWho) {
    const scope = await loadArchiveScope(db, actor, q.orgId, q.campaignId, year());
    return seasonSummary(deps, scope, who);
  }

  return { timeline, zip, summary };
}

export type ArchiveScope = Awaited<ReturnType<typeof loadArchiveScope>>;
