import { describe, expect, it } from 'vitest';
import { effectiveTarget, laggardsFirst, poolProgress } from './rules.ts';

const inherited = new Map([['1', 20]]);

describe('pool target rules', () => {
  it('the pool’s own target wins', () => {
    expect(effectiveTarget({ target: 12, org_parent_id: '1' }, inherited)).toEqual({
      target: 12,
      source: 'pool',
    });
  });
  it('a county without its own takes the largest per-county target of campaigns its parent organises', () => {
    expect(effectiveTarget({ target: null, org_parent_id: '1' }, inherited)).toEqual({
      target: 20,
      source: 'campaign',
    });
  });
  it('no own target and no campaign above: none (the city’s pool, a unit whose parent sets none)', () => {
    expect(effectiveTarget({ target: null, org_parent_id: null }, inherited)).toEqual({
      target: null,
      source: null,
    });
    expect(effectiveTarget({ target: null, org_parent_id: '2' }, inherited)).toEqual({
      target: null,
      source: null,
    });
  });
  it('progress is capped at 100 and null without a target', () => {
    expect(poolProgress(5, 20)).toBe(25);
    expect(poolProgress(30, 20)).toBe(100);
    expect(poolProgress(3, null)).toBeNull();
  });
  it('laggards first, then those without a target', () => {
    const row = (name: string, active: number, target: number | null) => ({
      org: { name },
      active,
      target,
      percent: poolProgress(active, target),
    });
    const sorted = laggardsFirst([
      row('甲', 20, 20),
      row('乙', 0, null),
      row('丙', 3, 20),
      row('丁', 10, 20),
    ]);
    expect(sorted.map((r) => r.org.name)).toEqual(['丙', '丁', '甲', '乙']);
  });
});
