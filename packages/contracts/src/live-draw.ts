import { z } from 'zod';
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { multilineText } from './text.ts';
import { idSchema } from './org.ts';

/**
 * The verifiable draw (抽签) of a live final's speaking order, version 1 (docs/LIVE-DRAW.md).
 *
 * The organiser's browser makes a secret seed and publishes only its SHA-256 (the commitment). After
 * that, the supervisor and the finalists add their own values (contributions); at the draw the seed is
 * revealed and the order follows from the seed, the contributions and the published finalists list.
 * This one pure function is what the server, the public verify page and (re-written with node:crypto)
 * scripts/verify-draw.mjs compute, so anyone can check the order.
 *
 * Every string is hashed as its UTF-8 bytes:
 *   commitment = hex(SHA-256(seed))
 *   finalSeed  = hex(HMAC-SHA256(key = seed, message = JSON.stringify([[label, value], …])))
 *   Fisher–Yates over the published list, i = n-1 … 1: j is drawn uniformly from 0…i by
 *   HMAC-SHA256(key = finalSeed, message = String(counter)) read as the uint32 of its first 4 bytes
 *   (big-endian), counter = 0, 1, 2, … once per attempt, attempts ≥ floor(2^32/(i+1))·(i+1) rejected,
 *   j = x mod (i+1); then entries i and j swap.
 */

export const DRAW_ALGORITHM = 'jiangtai-draw-v1';

const hex64 = (what: string) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, `${what}应为 64 位十六进制字符（0-9、a-f）`);

export const drawSeedSchema = hex64('种子');
export const drawCommitmentSchema = hex64('承诺值');

const utf8 = (s: string) => utf8ToBytes(s);

/** A fresh seed: 32 random bytes as 64 lowercase hex characters (WebCrypto or node's global crypto). */
export function newDrawSeed(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToHex(bytes);
}

/** The commitment published before the draw: hex SHA-256 of the seed string. */
export const drawCommitment = (seed: string): string => bytesToHex(sha256(utf8(seed)));

export interface DrawContributionInput {
  label: string;
  value: string;
}

/** The message the contributions make, in the order they were recorded: JSON of [[label, value], …]. */
export const contributionsMessage = (contributions: readonly DrawContributionInput[]): string =>
  JSON.stringify(contributions.map((c) => [c.label, c.value]));

/** The seed the order is drawn from: the organiser's seed mixed with everyone's contributions. */
export const drawFinalSeed = (seed: string, contributions: readonly DrawContributionInput[]): string =>
  bytesToHex(hmac(sha256, utf8(seed), utf8(contributionsMessage(contributions))));

const TWO_32 = 2 ** 32;

/** The shuffled list: `ids` is the published finalists list in its published order. */
export function shuffleBySeed<T>(finalSeed: string, ids: readonly T[]): T[] {
  const key = utf8(finalSeed);
  const out = [...ids];
  let counter = 0;
  for (let i = out.length - 1; i >= 1; i--) {
    const m = i + 1;
    const limit = Math.floor(TWO_32 / m) * m;
    let x: number;
    do {
      const h = hmac(sha256, key, utf8(String(counter)));
      counter++;
      x = ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
    } while (x >= limit);
    const j = x % m;
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The whole draw: the final seed and the order (entry ids, first speaker first). */
export function drawOrder(
  seed: string,
  contributions: readonly DrawContributionInput[],
  finalistIds: readonly string[],
): { finalSeed: string; order: string[] } {
  const finalSeed = drawFinalSeed(seed, contributions);
  return { finalSeed, order: shuffleBySeed(finalSeed, finalistIds) };
}

// ---------- requests ----------

export const drawCommitSchema = z.object({ commitment: drawCommitmentSchema });
export const drawRevealSchema = z.object({ seed: drawSeedSchema });
export const drawWithdrawSchema = z.object({
  entryId: idSchema,
  reason: multilineText({ message: '请填写退出原因' })
    .min(2, '请写明退出原因（至少 2 个字）')
    .max(500, '原因不能超过 500 个字'),
});

// ---------- what the pages receive ----------

export type DrawStatus = 'none' | 'committed' | 'revealed' | 'manual';
export const drawStatusLabels: Record<DrawStatus, string> = {
  none: '尚未抽签',
  committed: '已公布承诺值，等待揭晓',
  revealed: '已抽签',
  manual: '已录入现场抽签顺序',
};

export interface DrawFinalist {
  entryId: string;
  speakerName: string;
  unitName: string;
  title: string;
}

export interface DrawContributionView {
  label: string;
  value: string;
  at: string;
  /** Who typed it in (a name, never an account id). */
  enteredByName: string;
  /** Whether the person who typed it in manages the round (and so knows the seed). */
  enteredByOrganiser: boolean;
}

/** The public record of a draw: everything needed to recompute the order, nothing private. */
export interface PublicDraw {
  algorithm: typeof DRAW_ALGORITHM;
  roundId: string;
  campaignTitle: string;
  roundName: string;
  status: Exclude<DrawStatus, 'none'>;
  method: 'random' | 'manual';
  commitment: string | null;
  committedAt: string | null;
  committedByName: string | null;
  /** The published list, in the order the algorithm shuffles. */
  finalists: DrawFinalist[];
  contributions: DrawContributionView[];
  seed: string | null;
  revealedAt: string | null;
  revealedByName: string | null;
  finalSeed: string | null;
  /** Entry ids, first speaker first; null until drawn. */
  order: string[] | null;
  manual: { note: string; enteredByName: string; at: string } | null;
  /**
   * Finalists of the published list who have left the contest since (已退出): they stay in the list
   * and the order (so the order can still be recomputed) and their place is skipped on the evening.
   */
  withdrawn: DrawWithdrawal[];
}

export interface DrawWithdrawal {
  entryId: string;
  /** When they left (ISO). */
  at: string;
  /** The reason recorded when they left. */
  reason: string | null;
}

/** The organiser's and supervisor's view: the public record plus what they may do now. */
export interface DrawView {
  roundId: string;
  roundName: string;
  campaignTitle: string;
  status: DrawStatus;
  /** The public record once something is published, else null. */
  record: PublicDraw | null;
  /** Who competes now (before the commitment: the list that will be published). */
  finalists: DrawFinalist[];
  /** Those who left the round, with why (withdrawals before the draw among them). */
  departed: { entryId: string; speakerName: string; title: string; reason: string | null; at: string }[];
  can: { manage: boolean; contribute: boolean };
}
