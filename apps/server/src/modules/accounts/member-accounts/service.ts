import { beijingDate } from '@jiangtai/contracts';
import type { AppDeps } from '../../../lib/deps.ts';
import type { Actor } from '../../../lib/actor.ts';
import { conflict, invalid, notVisible } from '../../../lib/errors.ts';
import { maskPhone } from '../../../lib/mask.ts';
import { audit, type AuditWho } from '../../audit/service.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { JOB_STATUS_LABELS } from '../../jobs/service.ts';
import { findOrg } from '../../org/org-repository.ts';
import { countSelected } from '../../org/member-batches.ts';
import { codeExpiresAt, codeKey, deriveCode, formatCode, NO_PASSWORD_YET } from '../initial-code.ts';
import * as repo from './repository.ts';
import * as policy from './policy.ts';

export const MEMBER_ACCOUNTS_JOB = 'accounts.bulk_create';
/** Slips one download may carry: beyond that, download per lower unit or branch. */
export const MAX_SLIPS = 20_000;

export type AccountStatus = 'none' | 'pending' | 'activated';
export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  none: '未开通',
  pending: '未激活',
  activated: '已激活',
};

export interface Slip {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
  login: string;
  initialPassword: string;
  expiresOn: string;
}

export function memberAccountService(deps: AppDeps) {
  const { db, clock, config } = deps;

  async function orgInScope(actor: Actor, orgId: string) {
    policy.assertMayManageAny(actor);
    const org = await findOrg(db, orgId);
    policy.assertCanManage(actor, org?.path);
    return org!;
  }

  async function selection(actor: Actor, input: { orgId: string; memberIds?: string[] }) {
    const org = await orgInScope(actor, input.orgId);
    const memberIds = input.memberIds ? [...new Set(input.memberIds)] : null;
    const sel = { prefix: org.path, memberIds };
    // A chosen member outside the subtree is answered like a missing one, naming nobody.
    if (memberIds && (await countSelected(db, sel)) !== memberIds.length) throw notVisible('所选党员');
    const c = await repo.previewCounts(db, sel);
    const willCreate = c.total - c.inactive - c.hasAccount - c.noPhone - c.phoneTaken;
    return { org, memberIds, counts: { orgId: org.id, orgName: org.name, willCreate, ...c } };
  }

  async function preview(actor: Actor, input: { orgId: string; memberIds?: string[] }) {
    return (await selection(actor, input)).counts;
  }

  async function start(actor: Actor, input: { orgId: string; memberIds?: string[] }, who: AuditWho) {
    const { org, memberIds, counts: p } = await selection(actor, input);
    if (p.willCreate === 0)
      throw conflict(
        `「${p.orgName}」没有需要开通账号的党员（已有账号 ${p.hasAccount} 人，缺少手机号 ${p.noPhone} 人，手机号已被其他账号使用 ${p.phoneTaken} 人）`,
      );
    const now = clock.now();
    const runId = await db.transaction().execute(async (tx) => {
      const { id } = await repo.insertRun(tx, {
        orgId: org.id,
        memberIds,
        requestedBy: actor.userId,
        total: p.total,
        now,
      });
      const jobId = await enqueueJob(tx, {
        type: MEMBER_ACCOUNTS_JOB,
        payload: { runId: id },
        orgPath: org.path,
        maxAttempts: 5,
        now,
      });
      await repo.setRunJob(tx, id, jobId);
      await audit(tx, who, {
        action: 'member_accounts.run_started',
        entityType: 'org',
        entityId: org.id,
        orgPath: org.path,
        after: { runId: id, selected: memberIds?.length ?? null, willCreate: p.willCreate },
      });
      return id;
    });
    return getRun(actor, runId);
  }

  function presentRun(r: repo.RunRow) {
    const status = r.job_status ?? 'queued';
    return {
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      jobId: r.job_id,
      status,
      statusLabel: JOB_STATUS_LABELS[status],
      error: status === 'failed' ? (r.last_error ?? '处理失败') : null,
      total: r.total,
      processed: r.processed,
      created: r.created,
      skipped: {
        inactive: r.skipped_inactive,
        hasAccount: r.skipped_has_account,
        noPhone: r.skipped_no_phone,
        phoneTaken: r.skipped_phone_taken,
      },
      createdAt: r.created_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
    };
  }

  async function getRun(actor: Actor, id: string) {
    policy.assertMayManageAny(actor);
    const run = await repo.findRun(db, id);
    policy.assertCanManage(actor, run?.org_path, '开通任务');
    return presentRun(run!);
  }

  async function status(actor: Actor, orgId: string) {
    const org = await orgInScope(actor, orgId);
    const rows = await repo.statusByOrg(db, org.path);
    const sum = (k: 'members' | 'accounts' | 'activated') => rows.reduce((s, r) => s + r[k], 0);
    const counts = (r: { members: number; accounts: number; activated: number }) => ({
      members: r.members,
      accounts: r.accounts,
      activated: r.activated,
      pending: r.accounts - r.activated,
    });
    return {
      orgId: org.id,
      orgName: org.name,
      totals: counts({ members: sum('members'), accounts: sum('accounts'), activated: sum('activated') }),
      branches: rows.map((r) => ({ orgId: r.org_id, orgName: r.org_name, ...counts(r) })),
    };
  }

  async function orgMembers(actor: Actor, orgId: string, page: number, pageSize: number) {
    const org = await orgInScope(actor, orgId);
    const { total, rows } = await repo.orgMembers(db, org.id, page, pageSize);
    const now = clock.now();
    return {
      orgId: org.id,
      orgName: org.name,
      total,
      items: rows.map((m) => {
        const s: AccountStatus = !m.user_id ? 'none' : m.activated_at ? 'activated' : 'pending';
        const expiresAt =
          s === 'pending' && m.password_hash === NO_PASSWORD_YET && m.code_issued_at
            ? codeExpiresAt(m.code_issued_at, config.ACCOUNT_CODE_DAYS)
            : null;
        return {
          memberId: m.id,
          name: m.name,
          phone: maskPhone(m.phone),
          userId: m.user_id,
          status: s,
          statusLabel: ACCOUNT_STATUS_LABELS[s],
          codeExpiresOn: expiresAt ? beijingDate(expiresAt) : null,
          codeExpired: expiresAt ? expiresAt <= now : false,
        };
      }),
    };
  }

  /** Slips of the subtree's accounts still waiting for a first sign-in; reading them is audited. */
  async function slips(actor: Actor, orgId: string, who: AuditWho) {
    const org = await orgInScope(actor, orgId);
    const rows = await repo.slipRows(db, org.path, MAX_SLIPS + 1);
    if (rows.length > MAX_SLIPS)
      throw invalid(`「${org.name}」待激活的账号超过 ${MAX_SLIPS} 个，请按下级单位或支部分别下载`, [
        { path: 'orgId', message: '范围过大，请选择下级单位或支部' },
      ]);
    const key = codeKey(config);
    const now = clock.now();
    const items: Slip[] = [];
    let expired = 0;
    for (const r of rows) {
      const expiresAt = codeExpiresAt(r.code_issued_at!, config.ACCOUNT_CODE_DAYS);
      if (expiresAt <= now) {
        expired++;
        continue;
      }
      items.push({
        userId: r.id,
        name: r.name,
        orgId: r.org_id,
        orgName: r.org_name,
        login: r.username,
        initialPassword: formatCode(deriveCode(key, r.id, r.code_issue)),
        expiresOn: beijingDate(expiresAt),
      });
    }
    await audit(db, who, {
      action: 'member_accounts.slips_downloaded',
      entityType: 'org',
      entityId: org.id,
      orgPath: org.path,
      after: { slips: items.length },
    });
    return { orgId: org.id, orgName: org.name, expired, items };
  }

  /** A new initial password for one member account (the old slip stops working), as one slip. */
  async function reissue(actor: Actor, userId: string, who: AuditWho) {
    policy.assertMayManageAny(actor);
    const account = await repo.memberAccount(db, userId);
    policy.assertCanManage(actor, account?.org_path, '党员账号');
    policy.assertCanReissue(actor, account!);
    const now = clock.now();
    const issued = await db.transaction().execute(async (tx) => {
      const row = await repo.reissue(tx, userId, now);
      await audit(tx, who, {
        action: 'member_accounts.code_reissued',
        entityType: 'user',
        entityId: userId,
        orgPath: account!.org_path,
        after: { issue: row.code_issue },
      });
      return row;
    });
    const slip: Slip = {
      userId,
      name: account!.name,
      orgId: account!.org_id,
      orgName: account!.org_name,
      login: account!.username,
      initialPassword: formatCode(deriveCode(codeKey(config), userId, issued.code_issue)),
      expiresOn: beijingDate(codeExpiresAt(issued.code_issued_at!, config.ACCOUNT_CODE_DAYS)),
    };
    return { slip };
  }

  return { preview, start, getRun, status, orgMembers, slips, reissue };
}

export type MemberAccountService = ReturnType<typeof memberAccountService>;
