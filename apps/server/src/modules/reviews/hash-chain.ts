import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';

/**
 * Hash chain over a round's append-only score log (issue 5, "Scoring").
 *
 * Each row stores the hash of the row before it (`prevHash`) and its own `hash` = SHA-256 over the
 * previous hash and a canonical serialisation of its content. Changing a stored row breaks its own
 * hash; deleting, reordering or inserting rows breaks the link to the previous one. The first row links
 * to a genesis hash derived from the round id, so rows copied from another round do not fit.
 *
 * SHA-256 has no secret: someone with write access could recompute every hash from a forged row
 * onwards. Such a rewrite is caught by comparing the last hash with one recorded elsewhere (the audit
 * log, the sealed results) — pass it as `expectedHead`.
 *
 * Canonical form: fields in a fixed order, absent optional fields as null, points as plain decimal
 * strings ("8.50", 8.5 and Decimal(8.5) all become "8.5", since Postgres numeric comes back padded),
 * timestamps as ISO-8601 UTC with milliseconds (JavaScript's precision, which is what gets written).
 */

export type DecimalLike = string | number | Decimal;

export interface ScoreRecord {
  /** 1-based position in the round's log. */
  seq: number;
  roundId: string;
  /** null for a fact about the whole round (a rule change, a tie decision). */
  entryId: string | null;
  judgeId: string | null;
  /** What the row records, e.g. 'draft' | 'submit' | 'reopen', or a fact such as 'judge_removed'. */
  action: string;
  /** Points per rubric criterion key; null for a criterion not yet scored in a draft. */
  scores: Readonly<Record<string, DecimalLike | null>>;
  comment?: string | null;
  /** Why a submitted score was reopened (required for reopen rows by the service, not here). */
  reason?: string | null;
  /** Who wrote the row (the judge, or the organiser for a reopen). */
  actorId: string;
  createdAt: Date | string;
  /** The content of a fact record (removal, tie decision, rules); absent on score records. */
  data?: unknown;
}

export interface StoredScoreRecord extends ScoreRecord {
  prevHash: string;
  hash: string;
}

export const ZERO_HASH = '0'.repeat(64);

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The hash the first row of a round's log links to. */
export function genesisHash(roundId: string): string {
  return sha256(`jiangtai:score-log:${roundId}`);
}

function canonicalDecimal(v: DecimalLike): string {
  const d = new Decimal(v);
  if (!d.isFinite()) throw new RangeError(`score is not a finite number: ${String(v)}`);
  return d.toFixed();
}

function canonicalTime(v: Date | string): string {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid timestamp: ${String(v)}`);
  return d.toISOString();
}

/**
 * JSON with object keys sorted at every level, so the hash of a fact's data does not depend on the
 * order its properties were written in (PostgreSQL jsonb reorders them).
 */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/**
 * Canonical serialisation of a record's content (the chain fields prevHash and hash excluded).
 * `data` is appended only when present, so records written before fact records existed keep the
 * hash they were stored with.
 */
export function canonicalScoreRecord(r: ScoreRecord): string {
  const scores = Object.keys(r.scores)
    .sort()
    .map((k) => {
      const v = r.scores[k];
      return [k, v === null || v === undefined ? null : canonicalDecimal(v)];
    });
  // An array, not an object, so the order is fixed by this code and not by property insertion.
  return JSON.stringify([
    ['seq', r.seq],
    ['roundId', r.roundId],
    ['entryId', r.entryId],
    ['judgeId', r.judgeId],
    ['action', r.action],
    ['scores', scores],
    ['comment', r.comment ?? null],
    ['reason', r.reason ?? null],
    ['actorId', r.actorId],
    ['createdAt', canonicalTime(r.createdAt)],
    ...(r.data === undefined || r.data === null ? [] : [['data', canonicalJson(r.data)]]),
  ]);
}

export function scoreRecordHash(prevHash: string, record: ScoreRecord): string {
  return sha256(`${prevHash}\n${canonicalScoreRecord(record)}`);
}

/** Builds the stored row for `record` appended after `prevHash` (the last row's hash or the genesis). */
export function chainRecord(prevHash: string, record: ScoreRecord): StoredScoreRecord {
  return { ...record, prevHash, hash: scoreRecordHash(prevHash, record) };
}

/**
 * Where `head` sits in a log: 0 for the genesis (no record yet), n for the hash of the n-th record,
 * null when no record of the log has that hash. A prefix of at least 12 hex digits (as printed on a
 * screen or copied by hand) matches when exactly one position starts with it.
 */
export function headPosition(
  records: readonly Pick<StoredScoreRecord, 'hash'>[],
  genesis: string,
  head: string,
): { position: number; hash: string } | { position: null; ambiguous: boolean } {
  const want = head.trim().toLowerCase();
  const hashes = [genesis, ...records.map((r) => r.hash)];
  const hits = hashes.flatMap((h, i) => (h.startsWith(want) ? [i] : []));
  if (hits.length === 1) return { position: hits[0]!, hash: hashes[hits[0]!]! };
  return { position: null, ambiguous: hits.length > 1 };
}

export type ChainCheck = { ok: true; head: string } | { ok: false; brokenAt: number; reason: string };

export interface VerifyOptions {
  /** Defaults to genesisHash(roundId of the first row). Pass it when the log may be empty or the first row is suspect. */
  genesis?: string;
  /** The last hash recorded outside the log; catches a rewritten tail and deleted last rows. */
  expectedHead?: string;
}

/**
 * Checks rows in log order. `brokenAt` is the 0-based index of the first row that does not fit;
 * messages count from 1, as the supervisor's screen does.
 */
export function verifyChain(records: readonly StoredScoreRecord[], options: VerifyOptions = {}): ChainCheck {
  const first = records[0];
  let prev = options.genesis ?? (first ? genesisHash(first.roundId) : ZERO_HASH);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const n = i + 1;
    let actual: string;
    try {
      actual = scoreRecordHash(r.prevHash, r);
    } catch {
      return { ok: false, brokenAt: i, reason: `第 ${n} 条评分记录被改动：内容无法解析` };
    }
    if (actual !== r.hash) {
      return { ok: false, brokenAt: i, reason: `第 ${n} 条评分记录被改动：内容与哈希不符` };
    }
    if (r.prevHash !== prev) {
      // The row itself is intact, so its neighbourhood changed; the sequence number says how.
      const reason =
        r.seq > n
          ? `第 ${n} 条之前缺少记录`
          : r.seq < n
            ? `第 ${n} 条评分记录的顺序被改动或为重复记录`
            : `第 ${n} 条评分记录与前一条不衔接：之前的记录被删除、插入或调换`;
      return { ok: false, brokenAt: i, reason };
    }
    if (r.seq !== n) {
      return { ok: false, brokenAt: i, reason: `第 ${n} 条评分记录的序号为 ${r.seq}，与位置不符` };
    }
    prev = r.hash;
  }
  if (options.expectedHead !== undefined && prev !== options.expectedHead) {
    return {
      ok: false,
      brokenAt: records.length,
      reason: `评分记录的末条哈希与存档不符：第 ${records.length} 条之后缺少记录，或记录被整体改写`,
    };
  }
  return { ok: true, head: prev };
}
