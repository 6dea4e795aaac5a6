import { execFile } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  contributionsMessage,
  drawCommitment,
  drawFinalSeed,
  drawOrder,
  newDrawSeed,
  shuffleBySeed,
} from '@jiangtai/contracts';

/** The known-answer vector printed in docs/LIVE-DRAW.md (the docs' script must give the same). */
const VECTOR = {
  seed: '0123456789abcdef'.repeat(4),
  contributions: [
    { label: '监督员 王某', value: '2718' },
    { label: '3号选手 张三', value: '31415' },
  ],
  finalists: ['101', '102', '103', '104', '105', '106'],
  commitment: 'a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e',
  finalSeed: '6dc45cfdd478535c54af540a447055a3b2a36f516045cff121e8709db8ac1f4f',
  order: ['105', '104', '102', '106', '103', '101'],
};

describe('the draw algorithm (jiangtai-draw-v1)', () => {
  it('reproduces the documented known-answer vector', () => {
    expect(drawCommitment(VECTOR.seed)).toBe(VECTOR.commitment);
    const out = drawOrder(VECTOR.seed, VECTOR.contributions, VECTOR.finalists);
    expect(out.finalSeed).toBe(VECTOR.finalSeed);
    expect(out.order).toEqual(VECTOR.order);
  });

  it('is the vector printed in docs/LIVE-DRAW.md, which the docs script confirms', async () => {
    const root = path.resolve(import.meta.dirname, '../../../../../..');
    const doc = fs.readFileSync(path.join(root, 'docs/LIVE-DRAW.md'), 'utf8');
    const json = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const printed = JSON.parse(json) as Record<string, unknown>;
    expect(printed).toMatchObject({
      seed: VECTOR.seed,
      commitment: VECTOR.commitment,
      contributions: VECTOR.contributions,
      finalSeed: VECTOR.finalSeed,
      order: VECTOR.order,
    });
    expect((printed.finalists as { entryId: string }[]).map((f) => f.entryId)).toEqual(VECTOR.finalists);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'draw-vector-')), 'vector.json');
    fs.writeFileSync(file, json);
    const { stdout } = await promisify(execFile)(process.execPath, [
      path.join(root, 'scripts/verify-draw.mjs'),
      file,
    ]);
    expect([...stdout.matchAll(/\[(\d+)\] ✓/g)].map((m) => m[1])).toEqual(VECTOR.order);
  });

  it('a published seed reproduces the order; the commitment is the SHA-256 of the seed', () => {
    const seed = newDrawSeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(drawCommitment(seed)).toBe(createHash('sha256').update(seed, 'utf8').digest('hex'));
    const ids = Array.from({ length: 12 }, (_, i) => String(1000 + i));
    const a = drawOrder(seed, VECTOR.contributions, ids);
    const b = drawOrder(seed, VECTOR.contributions, ids);
    expect(a).toEqual(b);
    expect([...a.order].sort()).toEqual(ids);
  });

  it('a different seed, or a different contribution, gives another order', () => {
    const ids = Array.from({ length: 12 }, (_, i) => String(i + 1));
    const base = drawOrder(VECTOR.seed, VECTOR.contributions, ids).order;
    const otherSeed = drawOrder('f'.repeat(64), VECTOR.contributions, ids).order;
    expect(otherSeed).not.toEqual(base);
    const otherValue = drawOrder(
      VECTOR.seed,
      [VECTOR.contributions[0]!, { label: '3号选手 张三', value: '31416' }],
      ids,
    ).order;
    expect(otherValue).not.toEqual(base);
    // The contributions' order and labels count too: the message is exactly what was published.
    const swapped = drawFinalSeed(VECTOR.seed, [...VECTOR.contributions].reverse());
    expect(swapped).not.toBe(VECTOR.finalSeed);
  });

  it('encodes the contributions canonically as JSON of [label, value] pairs', () => {
    expect(contributionsMessage(VECTOR.contributions)).toBe(
      '[["监督员 王某","2718"],["3号选手 张三","31415"]]',
    );
    expect(contributionsMessage([{ label: 'a"b', value: 'c\\d' }])).toBe('[["a\\"b","c\\\\d"]]');
  });

  it('matches an independent node:crypto implementation for random seeds and sizes', () => {
    const hmac = (key: string, msg: string) =>
      createHmac('sha256', Buffer.from(key, 'utf8')).update(msg, 'utf8').digest();
    for (let n = 1; n <= 40; n++) {
      const seed = randomBytes(32).toString('hex');
      const contributions = [{ label: `选手${n}`, value: randomBytes(4).toString('hex') }];
      const ids = Array.from({ length: n }, (_, i) => String(i + 1));
      const finalSeed = hmac(seed, JSON.stringify(contributions.map((c) => [c.label, c.value]))).toString(
        'hex',
      );
      const expected = [...ids];
      let counter = 0;
      for (let i = n - 1; i >= 1; i--) {
        const m = i + 1;
        const limit = Math.floor(2 ** 32 / m) * m;
        let x: number;
        do x = hmac(finalSeed, String(counter++)).readUInt32BE(0);
        while (x >= limit);
        const j = x % m;
        [expected[i], expected[j]] = [expected[j]!, expected[i]!];
      }
      expect(drawOrder(seed, contributions, ids)).toEqual({ finalSeed, order: expected });
    }
  });

  it('reaches every order of three equally often (12000 seeds), unlike the classic biased shuffle', () => {
    const counts = new Map<string, number>();
    for (let k = 0; k < 12000; k++) {
      const order = shuffleBySeed(createHash('sha256').update(`seed ${k}`).digest('hex'), ['a', 'b', 'c']);
      counts.set(order.join(''), (counts.get(order.join('')) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['abc', 'acb', 'bac', 'bca', 'cab', 'cba']);
    // 2000 expected each (σ ≈ 41): ±150 holds for a fair shuffle, while drawing j from all n instead
    // of 0…i (the classic mistake) gives 1778 or 2222 for some orders.
    for (const c of counts.values()) {
      expect(c).toBeGreaterThan(1850);
      expect(c).toBeLessThan(2150);
    }
  });

  it('leaves a list of one as it is', () => {
    expect(shuffleBySeed(VECTOR.finalSeed, ['7'])).toEqual(['7']);
    expect(shuffleBySeed(VECTOR.finalSeed, [])).toEqual([]);
  });
});
