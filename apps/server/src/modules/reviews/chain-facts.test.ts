import type { AssignmentStatus } from '@jiangtai/contracts';
import { describe, expect, it } from 'vitest';
import { readChain, reconcile } from './chain-facts.ts';
import { chainRecord, genesisHash, type ScoreRecord, type StoredScoreRecord } from './hash-chain.ts';

const G = genesisHash('R1');

/** A log from records given without their chain fields. */
function log(records: Omit<ScoreRecord, 'seq' | 'roundId' | 'actorId' | 'createdAt'>[]): StoredScoreRecord[] {
  const out: StoredScoreRecord[] = [];
  let prev = G;
  records.forEach((r, i) => {
    const row = chainRecord(prev, {
      seq: i + 1,
      roundId: 'R1',
      actorId: 'U1',
      createdAt: new Date(Date.UTC(2026, 8, 1, 0, 0, i)),
      ...r,
    });
    out.push(row);
    prev = row.hash;
  });
  return out;
}

const score = (entryId: string, judgeId: string, action: 'draft' | 'submit' | 'reopen', v = '80') => ({
  entryId,
  judgeId,
  action,
  scores: { content: v },
  reason: action === 'reopen' ? '核对' : null,
});
const assignment = (entry_id: string, judge_user_id: string, status: AssignmentStatus) => ({
  entry_id,
  judge_user_id,
  status,
  removed_reason: status === 'removed' ? '旧的移除' : null,
});
const names = { code: (e: string) => `C-${e}`, judge: (j: string) => `专家${j}` };

describe('readChain and reconcile', () => {
  it('takes removals, tie decisions and rules from the log, the last of each pair’s scores', () => {
    const rows = log([
      { entryId: null, judgeId: null, action: 'rules_set', scores: {}, data: { rules: { dropHighest: 0 } } },
      score('E1', 'J1', 'submit'),
      score('E1', 'J2', 'submit'),
      score('E1', 'J2', 'reopen'),
      { entryId: 'E1', judgeId: 'J3', action: 'judge_removed', scores: {}, reason: '回避' },
      {
        entryId: null,
        judgeId: null,
        action: 'tie_decided',
        scores: {},
        reason: '合议',
        data: { order: ['E2', 'E1'] },
      },
    ]);
    const facts = readChain(G, rows);
    expect(facts.head).toBe(rows[5]!.hash);
    expect(facts.records).toBe(6);
    expect(facts.ties).toEqual([{ entryIds: ['E2', 'E1'], reason: '合议' }]);
    expect(facts.rules).toEqual({ dropHighest: 0 });
    const { pairs, problems } = reconcile(
      facts,
      [
        assignment('E1', 'J1', 'submitted'),
        assignment('E1', 'J2', 'draft'),
        assignment('E1', 'J3', 'removed'),
      ],
      { legacy: false, ...names },
    );
    expect(pairs.map((p) => p.state)).toEqual(['submitted', 'reopened', 'removed']);
    expect(pairs[2]!.removedReason).toBe('回避');
    expect(problems).toEqual([]);
  });

  it('flags a submitted assignment without its record, and a removal found only in the table', () => {
    const facts = readChain(G, log([score('E1', 'J1', 'draft')]));
    const { pairs, problems } = reconcile(
      facts,
      [assignment('E1', 'J1', 'submitted'), assignment('E1', 'J2', 'removed')],
      { legacy: false, ...names },
    );
    expect(pairs.map((p) => p.state)).toEqual(['draft', 'open']);
    expect(problems.map((p) => p.message)).toEqual([
      '作品 C-E1 评委 专家J1的评分显示「已提交」，但评分记录中没有这份提交（记录为「已暂存」），评分记录可能被删除，请先校验评分记录',
      '作品 C-E1 评委 专家J2显示「已移除」，但评分记录中没有移除记录',
    ]);
  });

  it('keeps a table-only removal in a round opened before removals were logged', () => {
    const facts = readChain(G, log([score('E1', 'J2', 'submit')]));
    const { pairs, problems } = reconcile(facts, [assignment('E1', 'J2', 'removed')], {
      legacy: true,
      ...names,
    });
    expect(pairs[0]).toMatchObject({ state: 'removed', removedReason: '旧的移除' });
    expect(problems).toEqual([]);
  });

  it('flags a logged score whose assignment is gone, and forgets drafts a departing judge handed back', () => {
    const facts = readChain(
      G,
      log([
        score('E1', 'J1', 'submit'),
        score('E2', 'J1', 'draft'),
        {
          entryId: null,
          judgeId: 'J1',
          action: 'judge_left',
          scores: {},
          reason: '出差',
          data: { released: ['E2'] },
        },
      ]),
    );
    const { pairs, problems } = reconcile(facts, [assignment('E2', 'J1', 'open')], {
      legacy: false,
      ...names,
    });
    expect(pairs.map((p) => [p.entryId, p.state])).toEqual([
      ['E2', 'open'],
      ['E1', 'submitted'],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      '评分记录中有作品 C-E1 评委 专家J1的提交，但分配记录中没有这项分配',
    ]);
  });
});
