import { formatBeijingDateTime } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, invalid } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import { listEntityAudit } from '../audit/repository.ts';
import { genesisHash, headPosition, verifyChain, type StoredScoreRecord } from './hash-chain.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { RoundRow } from './repository.ts';
import { accessOf, assertSeesResults, auditRound, loadRound } from './round-context.ts';
import { chainMark, toStoredRecord } from './score-log.ts';
import type { publicityService } from './publicity-service.ts';
import type { ResultsService } from './results-service.ts';
import { describeRecord } from './score-log-view.ts';

/**
 * The supervisor's chain check and sign-off. Recomputing the hashes finds a changed, missing or inserted row; but
 * someone with write access could re-hash every row after a forged one and update the head in the
 * round row. So the log is also compared with every head recorded elsewhere — each sign-off, the
 * seal, the audit rows of the round's changes — and with a head typed in from a signed paper sheet,
 * the 公示 page or a screenshot, which no database write can reach.
 */

/** A copy of a head recorded outside the round row. */
interface Anchor {
  source: string;
  at: Date;
  head: string;
  records: number | null;
}

const auditLabels: Record<string, string> = {
  'round.created': '开启评审',
  'round.updated': '修改设置',
  'round.score_submitted': '评委提交评分',
  'round.score_reopened': '重新打开评分',
  'round.judge_removed_from_entry': '移除评委评分',
  'round.judge_removed': '评委退出评委组',
  'round.conflict_declared': '评委声明回避',
  'round.tie_decided': '裁定同分',
  'round.closed': '截止评分',
  'round.advancement_confirmed': '确认晋级名单',
  'round.signed_off': '监督签字',
  'round.sealed': '封存结果',
  'round.chain_verified': '校验评分记录',
};

const beijing = (d: Date) => `${formatBeijingDateTime(d)}（北京时间）`;

const short = (h: string) => `${h.slice(0, 12)}…`;

export function chainCheckService(
  deps: AppDeps,
  results: Pick<ResultsService, 'compute' | 'assertConsistent'>,
  publicity: Pick<ReturnType<typeof publicityService>, 'sealOf'>,
) {
  const { db, clock } = deps;

  async function anchorsOf(r: RoundRow): Promise<Anchor[]> {
    const [signoffs, audits] = await Promise.all([
      repo.listSignoffs(db, r.id),
      listEntityAudit(db, 'review_round', r.id),
    ]);
    const anchors: Anchor[] = signoffs.map((s) => ({
      source: `监督员 ${s.display_name} ${beijing(s.at)} 的签字`,
      at: s.at,
      head: s.chain_head,
      records: s.records,
    }));
    for (const a of audits) {
      const after = (a.after ?? {}) as { chainHead?: unknown; records?: unknown; scores?: unknown };
      if (typeof after.chainHead !== 'string') continue;
      const records = typeof after.records === 'number' ? after.records : after.scores;
      anchors.push({
        source: `操作日志「${auditLabels[a.action] ?? a.action}」（${a.actor_name ?? '系统'}，${beijing(a.at)}）`,
        at: a.at,
        head: after.chainHead,
        records: typeof records === 'number' ? records : null,
      });
    }
    return anchors.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  function checkAnchor(rows: readonly StoredScoreRecord[], genesis: string, a: Anchor): string | null {
    const hashes = [genesis, ...rows.map((x) => x.hash)];
    const position = hashes.indexOf(a.head);
    if (position < 0)
      return `${a.source}记录的链头 ${short(a.head)} 不在当前评分记录中：那之后评分记录被改写`;
    if (a.records !== null && a.records !== position)
      return `${a.source}记录的是第 ${a.records} 条的链头，当前评分记录中它却是第 ${position} 条：记录被插入或删除`;
    return null;
  }

  /**
   * Recomputes every hash of the round's log, then compares the log with the head and count in the
   * round row, every head recorded elsewhere (oldest first) and the seal; names the first disagreement.
   */
  async function verify(actor: Actor, id: string, who: AuditWho) {
    const r = await loadRound(db, id);
    await assertSeesResults(db, actor, r);
    const rows = (await repo.listScoreLog(db, id)).map(toStoredRecord);
    const genesis = genesisHash(id);
    const check = verifyChain(rows, { genesis, expectedHead: r.chain_head });
    const anchors = await anchorsOf(r);
    const anchorProblems = anchors.map((a) => ({ a, problem: checkAnchor(rows, genesis, a) }));
    const firstAnchor = anchorProblems.find((x) => x.problem !== null);
    const sealProblem =
      r.seal_hash && r.seal_hash !== (await publicity.sealOf(db, r))
        ? '结果封存哈希与当前的晋级名单和评分记录不符：封存之后名单或评分记录被改动'
        : null;
    const countOk = rows.length === r.score_count;
    const ok = check.ok && countOk && !firstAnchor && !sealProblem;
    const signoffAnchors = anchors.filter((a) => a.source.startsWith('监督员')).length;
    const message = ok
      ? `评分记录完整：共 ${rows.length} 条，逐条校验哈希链一致，并与 ${anchors.length} 处另存的链头（其中签字 ${signoffAnchors} 次）${r.seal_hash ? '及结果封存哈希' : ''}一致，未发现篡改`
      : !check.ok
        ? `第 ${check.brokenAt + 1} 条评分记录校验失败：${check.reason}。评分记录可能被篡改，请立即报告`
        : !countOk
          ? `评分记录条数（${rows.length}）与登记的条数（${r.score_count}）不一致，记录可能被删除或插入，可能被篡改，请立即报告`
          : `${firstAnchor?.problem ?? sealProblem}。评分记录可能被篡改，请立即报告`;
    await auditRound(db, who, r, 'round.chain_verified', {
      // Only a verified head becomes one more copy to compare with next time.
      after: { ok, ...(ok ? chainMark(r) : { records: rows.length }) },
    });
    return {
      ok,
      records: rows.length,
      head: r.chain_head,
      checkedAt: clock.now(),
      message,
      brokenAt: check.ok ? null : check.brokenAt + 1,
      anchors: anchorProblems.map(({ a, problem }) => ({
        source: a.source,
        head: a.head,
        records: a.records,
        ok: problem === null,
        problem,
      })),
    };
  }

  /**
   * A head from outside the database (a signed sheet, the 公示 page, a screenshot; 12 hex digits or
   * more): does today's log extend it, and at which record?
   */
  async function checkHead(actor: Actor, id: string, head: string, who: AuditWho) {
    const r = await loadRound(db, id);
    await assertSeesResults(db, actor, r);
    const rows = (await repo.listScoreLog(db, id)).map(toStoredRecord);
    const genesis = genesisHash(id);
    const n = rows.length;
    const at = headPosition(rows, genesis, head);
    let position: number | null = null;
    let extendsHead = false;
    let message: string;
    if (at.position === null) {
      if (at.ambiguous)
        throw invalid('输入的哈希位数太少，对应多条评分记录，请多输入几位', [
          { path: 'head', message: '请多输入几位' },
        ]);
      message =
        '今天的评分记录中找不到这个链头：纸面或截图所记的那一刻之后，评分记录被改写或删除（也请核对是否抄错）';
    } else {
      position = at.position;
      const check = verifyChain(rows, { genesis });
      if (!check.ok && check.brokenAt < position) {
        message = `找到了这个链头（第 ${position} 条），但它之前的第 ${check.brokenAt + 1} 条记录校验失败：${check.reason}`;
      } else if (!check.ok) {
        message = `今天的评分记录在这个链头（第 ${position} 条）之前未被改动，但之后的第 ${check.brokenAt + 1} 条记录校验失败：${check.reason}`;
      } else {
        extendsHead = true;
        message =
          position === n
            ? `今天的评分记录正停在这个链头：共 ${n} 条，与所记一致，未发现改动`
            : `今天的评分记录延续了这个链头：它是第 ${position} 条记录的哈希，此后又追加了 ${n - position} 条（第 ${position + 1}–${n} 条），此前的记录未被改动`;
      }
    }
    await auditRound(db, who, r, 'round.chain_head_checked', {
      after: { head, position, extends: extendsHead },
    });
    return {
      extends: extendsHead,
      found: position !== null,
      position,
      records: n,
      head: at.position === null ? null : at.hash,
      currentHead: r.chain_head,
      message,
    };
  }

  /** The log as the supervisor reads it: each record with what it says, in Chinese. */
  async function scoreLog(actor: Actor, id: string) {
    const r = await loadRound(db, id);
    await assertSeesResults(db, actor, r);
    const [rows, panel, entries] = await Promise.all([
      repo.listScoreLog(db, id),
      repo.listPanel(db, id),
      repo.listRoundEntries(db, id),
    ]);
    const names = new Map(panel.map((j) => [j.user_id, j.display_name]));
    const actors = await repo.userNames(db, [...new Set(rows.map((x) => x.actor_user_id))]);
    const codes = new Map(entries.map((e) => [e.entry_id, e.code]));
    return {
      chainHead: r.chain_head,
      records: r.score_count,
      items: rows.map((x) => describeRecord(x, { names, actors, codes, criteria: r.config.criteria })),
    };
  }

  // ---------- sign-off ----------

  /**
   * The supervisor signs the results they saw: the sign-off pins the log's head (and length). When
   * the page sent the head it showed and the log has moved on since, nothing is signed. A round whose
   * log and tables disagree cannot be signed off.
   */
  async function signoff(
    actor: Actor,
    id: string,
    input: { comment: string; chainHead?: string },
    who: AuditWho,
  ) {
    await db.transaction().execute(async (tx) => {
      const r = await loadRound(tx, id, true);
      policy.assertMaySignOff(actor, accessOf(r), await repo.hasJudged(tx, id, actor.userId));
      if (r.state === 'open') throw conflict('评分截止后才能签字确认');
      if (input.chainHead && input.chainHead !== r.chain_head)
        throw conflict('您查看结果之后评分记录又有变动，请刷新页面、核对最新结果后再签字');
      results.assertConsistent(await results.compute(tx, r));
      await repo.insertSignoff(tx, {
        roundId: id,
        userId: actor.userId,
        comment: input.comment,
        chainHead: r.chain_head,
        records: r.score_count,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'round.signed_off', {
        after: { comment: input.comment, ...chainMark(r) },
      });
    });
    return signoffs(actor, id);
  }

  /** Each sign-off with whether it still holds: one whose head is not today's head has lapsed. */
  async function signoffs(actor: Actor, id: string) {
    const r = await loadRound(db, id);
    await assertSeesResults(db, actor, r);
    const rows = await repo.listSignoffs(db, id);
    return {
      chainHead: r.chain_head,
      records: r.score_count,
      items: rows.map((s) => ({
        id: s.id,
        name: s.display_name,
        comment: s.comment,
        chainHead: s.chain_head,
        records: s.records,
        at: s.at,
        current: s.chain_head === r.chain_head,
        lapsedNote:
          s.chain_head === r.chain_head
            ? null
            : `已失效：签字后评分结果有变动${s.records !== null && r.score_count > s.records ? `（评分记录又增加了 ${r.score_count - s.records} 条）` : ''}，需重新核对签字`,
      })),
    };
  }

  return { verify, checkHead, scoreLog, signoff, signoffs };
}
export type ChainCheckService = ReturnType<typeof chainCheckService>;
