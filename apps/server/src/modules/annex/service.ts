import type { AnnexSubmissionItem, AnnexSubmissions } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { participatingPaths } from '../campaigns/loading.ts';
import { findCampaign } from '../campaigns/repository.ts';
import { sendNotice } from '../notices/service.ts';
import { insertPlatformFile, platformStorage, writePlatformBytes } from '../uploads/platform-files.ts';
import { deleteStoredBytes } from '../uploads/stored-files.ts';
import { openStoredFile } from '../uploads/stored-files.ts';
import { buildActivityTable, loadAnnexContext } from './activity.ts';
import { annexScope, canRemind, canSubmit } from './policy.ts';
import { buildPoolTable } from './pool-table.ts';
import * as repo from './repository.ts';
import { buildRubricWorkbook, rubricsOf } from './rubric.ts';
import { buildRubricDocx } from './rubric-docx.ts';
import { resolvePeriod, stamp } from './rules.ts';
import { buildActivityWorkbook, XLSX_MIME } from './workbook.ts';

interface Query {
  campaignId: string;
  orgId: string;
  from?: string;
  to?: string;
}

const item = (s: Awaited<ReturnType<typeof repo.submissionsOf>>[number]): AnnexSubmissionItem => ({
  id: s.id,
  period: { from: s.period_from, to: s.period_to },
  submittedAt: new Date(s.submitted_at).toISOString(),
  submittedBy: s.submitted_by_name,
  note: s.note,
});

/** The annex tables' files, their submission upwards (报送) and the unit above's view of who has. */
export function annexService(deps: AppDeps) {
  const { db, clock } = deps;

  async function activityFile(actor: Actor, q: Query) {
    const { campaign, org } = await loadAnnexContext(db, actor, q.campaignId, q.orgId);
    const period = resolvePeriod(campaign.settings, q);
    const now = clock.now();
    const table = await buildActivityTable(db, campaign, org, period, now);
    const buffer = await buildActivityWorkbook(table, now);
    return {
      campaign,
      org,
      table,
      buffer,
      fileName: `${org.name}-活动统计表-${stamp(now)}.xlsx`,
      asciiName: `activity-${campaign.id}-${org.id}-${stamp(now)}.xlsx`,
    };
  }

  return {
    async exportActivity(actor: Actor, q: Query, who: AuditWho) {
      const f = await activityFile(actor, q);
      await audit(db, who, {
        action: 'annex.exported',
        entityType: 'campaign',
        entityId: f.campaign.id,
        orgPath: f.org.path,
        after: { kind: 'activity', orgId: f.org.id, period: f.table.period },
      });
      return f;
    },

    /** 师资库统计表 of the org's subtree (the pool module's table with the period and generated time). */
    async exportPool(actor: Actor, q: Query, who: AuditWho) {
      const { campaign, org } = await loadAnnexContext(db, actor, q.campaignId, q.orgId);
      const period = resolvePeriod(campaign.settings, q);
      const now = clock.now();
      const buffer = await buildPoolTable(db, actor, org, period, now);
      await audit(db, who, {
        action: 'annex.exported',
        entityType: 'campaign',
        entityId: campaign.id,
        orgPath: org.path,
        after: { kind: 'pool', orgId: org.id, period },
      });
      return {
        buffer,
        fileName: `${org.name}-师资库统计表-${stamp(now)}.xlsx`,
        asciiName: `pool-${campaign.id}-${org.id}-${stamp(now)}.xlsx`,
      };
    },

    /** 比赛评分标准 of the campaign (any reader of its annex tables). */
    async exportRubric(
      actor: Actor,
      campaignId: string,
      stageKey: string | undefined,
      format: 'xlsx' | 'docx' = 'xlsx',
    ) {
      const campaign = await findCampaign(db, campaignId);
      if (!campaign) throw notFound('活动');
      const [scope] = await participatingPaths(db, [campaign]);
      const roots = annexScope(actor, {
        organiserOrgPath: campaign.organiser_org_path,
        status: campaign.status,
        participatingPaths: scope!.paths,
      });
      if (roots.length === 0) throw forbidden('您无权查看此活动的统计报表');
      const now = clock.now();
      const input = { campaignTitle: campaign.title, rubrics: rubricsOf(campaign.settings, stageKey), now };
      const buffer = format === 'docx' ? await buildRubricDocx(input) : await buildRubricWorkbook(input);
      return {
        buffer,
        format,
        fileName: `${campaign.title}-比赛评分标准.${format}`,
        asciiName: `rubric-${campaign.id}-${stamp(now)}.${format}`,
      };
    },

    /** Stores the table as it is now (numbers and .xlsx) as the org's submission upwards. */
    async submit(actor: Actor, q: Query & { note: string }, who: AuditWho) {
      const f = await activityFile(actor, q);
      if (!canSubmit(actor, f.org.path)) throw forbidden('只有本单位的管理员可以报送统计表');
      if (f.campaign.status === 'draft') throw conflict('活动尚未发布，不能报送统计表');
      const storage = platformStorage(deps);
      const file = { bytes: f.buffer, name: f.fileName, mime: XLSX_MIME, detectedType: 'xlsx' as const };
      const key = await writePlatformBytes(deps, storage, file);
      // The bytes are written before the transaction; if it fails they belong to no row: remove them.
      const id = await db
        .transaction()
        .execute(async (tx) => {
          const fileId = await insertPlatformFile(tx, { storage, key, uploadedBy: actor.userId }, file);
          const id = await repo.insertSubmission(tx, {
            orgId: f.org.id,
            orgPath: f.org.path,
            campaignId: f.campaign.id,
            from: f.table.period.from,
            to: f.table.period.to,
            snapshot: f.table,
            fileId,
            submittedBy: actor.userId,
            at: clock.now(),
            note: q.note,
          });
          await audit(tx, who, {
            action: 'annex.submitted',
            entityType: 'campaign',
            entityId: f.campaign.id,
            orgPath: f.org.path,
            after: { submissionId: id, orgId: f.org.id, period: f.table.period, totals: f.table.totals },
          });
          return id;
        })
        .catch(async (e: unknown) => {
          await deleteStoredBytes(deps, { storage, storage_key: key }).catch(() => undefined);
          throw e;
        });
      const [row] = (await repo.submissionsOf(db, f.campaign.id, [f.org.id])).filter((s) => s.id === id);
      return item(row!);
    },

    /** The org's own submissions and, for each child org, 已报送 (latest) or 未报送. */
    async submissions(actor: Actor, campaignId: string, orgId: string): Promise<AnnexSubmissions> {
      const { campaign, org } = await loadAnnexContext(db, actor, campaignId, orgId);
      const children = (await repo.childOrgs(db, org.id)).filter((c) => c.active);
      const rows = await repo.submissionsOf(db, campaign.id, [org.id, ...children.map((c) => c.id)]);
      return {
        own: rows.filter((r) => r.org_id === org.id).map(item),
        children: children.map((c) => {
          const mine = rows.filter((r) => r.org_id === c.id);
          return {
            org: { id: c.id, name: c.name },
            latest: mine[0] ? item(mine[0]) : null,
            count: mine.length,
          };
        }),
        canSubmit: canSubmit(actor, org.path),
        canRemind: canRemind(actor, org.path),
      };
    },

    /** The .xlsx as it was submitted; read by whoever may read the submitting org's tables. */
    async download(actor: Actor, id: string) {
      const s = await repo.findSubmission(db, id);
      if (!s) throw notFound('报送记录');
      await loadAnnexContext(db, actor, s.campaign_id, s.org_id).catch((e: { status?: number }) => {
        throw e.status === 403 ? e : notFound('报送记录');
      });
      const source = await openStoredFile(deps, s);
      return { buffer: await source.read(0, Number(s.size_bytes)), fileName: s.original_name, id: s.id };
    },

    /** An in-app notice to the unit admins of each child org that has not submitted yet. */
    async remind(actor: Actor, campaignId: string, orgId: string, who: AuditWho) {
      const { campaign, org } = await loadAnnexContext(db, actor, campaignId, orgId);
      if (!canRemind(actor, org.path)) throw forbidden('只有上级组织的管理员或活动组织者可以催报');
      // The units of a draft cannot open its tables yet: a notice would send them to a refusal.
      if (campaign.status === 'draft') throw conflict('活动尚未发布，不能催报');
      const children = (await repo.childOrgs(db, org.id)).filter((c) => c.active);
      const done = new Set(
        (
          await repo.submissionsOf(
            db,
            campaign.id,
            children.map((c) => c.id),
          )
        ).map((s) => s.org_id),
      );
      const missing = children.filter((c) => !done.has(c.id));
      if (missing.length === 0) throw conflict('下级单位都已报送，无需催报');
      const admins = await repo.unitAdminsOf(
        db,
        missing.map((c) => c.id),
      );
      const reminded: string[] = [];
      const noAccount: string[] = [];
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        for (const c of missing) {
          const userIds = admins.filter((a) => a.org_id === c.id).map((a) => a.user_id);
          if (userIds.length === 0) {
            noAccount.push(c.name);
            continue;
          }
          await sendNotice(tx, {
            userIds,
            kind: 'annex_reminder',
            title: '请报送活动统计表',
            body: `「${campaign.title}」要求各单位报送活动统计表，${org.name}尚未收到${c.name}的报表，请尽快在“统计报表”中核对并报送。`,
            link: `/annex?campaignId=${campaign.id}&orgId=${c.id}`,
            orgId: c.id,
            createdBy: actor.userId,
            now,
          });
          reminded.push(c.name);
        }
        await audit(tx, who, {
          action: 'annex.reminded',
          entityType: 'campaign',
          entityId: campaign.id,
          orgPath: org.path,
          after: { orgId: org.id, reminded, noAccount },
        });
      });
      return { reminded, noAccount };
    },
  };
}
