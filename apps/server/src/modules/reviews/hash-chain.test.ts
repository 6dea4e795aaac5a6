import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  chainRecord,
  genesisHash,
  headPosition,
  scoreRecordHash,
  verifyChain,
  type ScoreRecord,
  type StoredScoreRecord,
} from './hash-chain.ts';

function record(seq: number): ScoreRecord {
  return {
    seq,
    roundId: 'R1',
    entryId: `E${seq % 7}`,
    judgeId: `J${seq % 3}`,
    action: seq % 5 === 0 ? 'reopen' : 'submit',
    scores: { content: `${30 + (seq % 10)}.50`, delivery: 20 + (seq % 5), effect: new Decimal('9.25') },
    comment: seq % 2 ? '逻辑清晰' : null,
    reason: seq % 5 === 0 ? '评委误操作' : null,
    actorId: `U${seq % 4}`,
    createdAt: new Date(Date.UTC(2026, 10, 23, 9, 0, seq)),
  };
}

function buildLog(n: number): StoredScoreRecord[] {
  const log: StoredScoreRecord[] = [];
  let prev = genesisHash('R1');
  for (let seq = 1; seq <= n; seq++) {
    const row = chainRecord(prev, record(seq));
    log.push(row);
    prev = row.hash;
  }
  return log;
}

describe('score log hash chain', () => {
  const log = buildLog(30);

  it('verifies an intact log and returns its head', () => {
    expect(verifyChain(log)).toEqual({ ok: true, head: log[29]!.hash });
    expect(verifyChain(log, { expectedHead: log[29]!.hash }).ok).toBe(true);
    expect(verifyChain([]).ok).toBe(true);
  });

  it('hashes the canonical form: key order, decimal spelling and timestamp type do not matter', () => {
    const r = record(3);
    const same: ScoreRecord = {
      ...r,
      scores: { effect: '9.250', delivery: new Decimal(23), content: 33.5 },
      createdAt: (r.createdAt as Date).toISOString(),
    };
    expect(scoreRecordHash('x', same)).toBe(scoreRecordHash('x', r));
    expect(scoreRecordHash('x', { ...r, comment: undefined })).toBe(
      scoreRecordHash('x', { ...r, comment: null }),
    );
    expect(scoreRecordHash('y', r)).not.toBe(scoreRecordHash('x', r));
    expect(genesisHash('R1')).not.toBe(genesisHash('R2'));
  });

  const alterations: [string, (r: StoredScoreRecord) => StoredScoreRecord][] = [
    ['seq', (r) => ({ ...r, seq: r.seq + 100 })],
    ['roundId', (r) => ({ ...r, roundId: 'R2' })],
    ['entryId', (r) => ({ ...r, entryId: 'E99' })],
    ['judgeId', (r) => ({ ...r, judgeId: 'J99' })],
    ['action', (r) => ({ ...r, action: 'draft' })],
    ['a score', (r) => ({ ...r, scores: { ...r.scores, content: '39.51' } })],
    ['a criterion key', (r) => ({ ...r, scores: { ...r.scores, extra: '1' } })],
    ['comment', (r) => ({ ...r, comment: '改过的评语' })],
    ['reason', (r) => ({ ...r, reason: '伪造理由' })],
    ['actorId', (r) => ({ ...r, actorId: 'U99' })],
    ['createdAt', (r) => ({ ...r, createdAt: new Date((r.createdAt as Date).getTime() + 1) })],
    ['prevHash', (r) => ({ ...r, prevHash: 'f'.repeat(64) })],
    ['hash', (r) => ({ ...r, hash: 'f'.repeat(64) })],
  ];

  it('detects an alteration of any field of any row at that row', () => {
    for (const [field, alter] of alterations) {
      for (const i of [0, 16, 29]) {
        const tampered = log.map((r, k) => (k === i ? alter(r) : r));
        const check = verifyChain(tampered);
        expect(check, `${field} @ ${i}`).toEqual({
          ok: false,
          brokenAt: i,
          reason: `第 ${i + 1} 条评分记录被改动：内容与哈希不符`,
        });
      }
    }
  });

  it('detects a deleted row at the row after it', () => {
    for (const i of [0, 16]) {
      const check = verifyChain(log.filter((_, k) => k !== i));
      expect(check).toEqual({ ok: false, brokenAt: i, reason: `第 ${i + 1} 条之前缺少记录` });
    }
  });

  it('detects deleted last rows only against the recorded head', () => {
    const cut = log.slice(0, 28);
    expect(verifyChain(cut).ok).toBe(true);
    expect(verifyChain(cut, { expectedHead: log[29]!.hash })).toMatchObject({ ok: false, brokenAt: 28 });
  });

  it('detects reordered rows', () => {
    const swapped = [...log];
    [swapped[16], swapped[17]] = [swapped[17]!, swapped[16]!];
    expect(verifyChain(swapped)).toEqual({ ok: false, brokenAt: 16, reason: '第 17 条之前缺少记录' });
  });

  it('detects an inserted row with an invented hash at that row', () => {
    const forged = {
      ...record(17),
      scores: { content: '40', delivery: '25', effect: '10' },
      prevHash: log[15]!.hash,
    };
    const inserted = [...log.slice(0, 16), { ...forged, hash: 'a'.repeat(64) }, ...log.slice(16)];
    expect(verifyChain(inserted)).toEqual({
      ok: false,
      brokenAt: 16,
      reason: '第 17 条评分记录被改动：内容与哈希不符',
    });
  });

  it('detects an inserted row with a correctly computed hash at the first original row after it', () => {
    const forged = chainRecord(log[15]!.hash, { ...record(17), scores: { content: '40' } });
    const inserted = [...log.slice(0, 16), forged, ...log.slice(16)];
    expect(verifyChain(inserted)).toEqual({
      ok: false,
      brokenAt: 17,
      reason: '第 18 条评分记录的顺序被改动或为重复记录',
    });
  });

  it('detects a rewritten tail only against the recorded head', () => {
    const rewritten = log.slice(0, 16);
    let prev = log[15]!.hash;
    for (let seq = 17; seq <= 30; seq++) {
      const row = chainRecord(prev, { ...record(seq), comment: '整体改写' });
      rewritten.push(row);
      prev = row.hash;
    }
    expect(verifyChain(rewritten).ok).toBe(true);
    expect(verifyChain(rewritten, { expectedHead: log[29]!.hash })).toMatchObject({
      ok: false,
      brokenAt: 30,
    });
  });

  it('rejects rows copied from another round at the first row', () => {
    const other = buildLog(3);
    expect(verifyChain(other, { genesis: genesisHash('R2') })).toMatchObject({ ok: false, brokenAt: 0 });
  });
});

describe('fact records and heads from outside', () => {
  const fact = (seq: number, data: unknown): ScoreRecord => ({
    ...record(seq),
    entryId: null,
    judgeId: null,
    action: 'tie_decided',
    scores: {},
    data,
  });

  it('covers a fact record’s data in its hash, in any key order, and leaves score records as they were', () => {
    const a = fact(4, { order: ['E1', 'E2'], extra: { b: 1, a: 2 } });
    const sameOtherOrder = fact(4, { extra: { a: 2, b: 1 }, order: ['E1', 'E2'] });
    expect(scoreRecordHash('x', sameOtherOrder)).toBe(scoreRecordHash('x', a));
    expect(scoreRecordHash('x', fact(4, { order: ['E2', 'E1'] }))).not.toBe(
      scoreRecordHash('x', fact(4, { order: ['E1', 'E2'] })),
    );
    expect(scoreRecordHash('x', { ...a, data: null })).not.toBe(scoreRecordHash('x', a));
    // A record without data hashes exactly as records did before data existed (value computed with
    // the previous canonical form), so logs written then still verify.
    const r = record(5);
    expect(scoreRecordHash('x', r)).toBe('af70f1d1801106bfeab7f60f420c885e13bad518e98bfddd9cd5c96c29b35414');
    expect(scoreRecordHash('x', { ...r, data: null })).toBe(scoreRecordHash('x', r));
  });

  it('finds where a head sits: the genesis is 0, a prefix of 12 digits is enough, unknown is null', () => {
    const log = buildLog(5);
    const g = genesisHash('R1');
    expect(headPosition(log, g, g)).toMatchObject({ position: 0 });
    expect(headPosition(log, g, log[2]!.hash)).toEqual({ position: 3, hash: log[2]!.hash });
    expect(headPosition(log, g, log[4]!.hash.slice(0, 12).toUpperCase())).toMatchObject({ position: 5 });
    expect(headPosition(log, g, 'f'.repeat(64))).toEqual({ position: null, ambiguous: false });
  });
});
