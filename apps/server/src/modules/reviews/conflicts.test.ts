import { describe, expect, it } from 'vitest';
import { conflictsOf, type EntryRef, type JudgeRef } from './conflicts.ts';

const entry = (unitPath: string | null, id = 'E1'): EntryRef => ({ id, unitPath, categoryKey: 'a' });

describe('conflictsOf', () => {
  const judge: JudgeRef = { id: 'J', unitPaths: ['1.5.'] };

  it('flags entries from the judge’s own unit and every unit below it', () => {
    expect(conflictsOf(judge, entry('1.5.'))).toEqual([
      { kind: 'same_unit', message: '评委所在单位与作品单位相同' },
    ]);
    expect(conflictsOf(judge, entry('1.5.23.7.'))).toEqual([
      { kind: 'subordinate_unit', message: '作品单位是评委所在单位的下级单位' },
    ]);
  });

  it('does not flag sibling units, units that share a digit prefix, or units above the judge', () => {
    expect(conflictsOf(judge, entry('1.6.'))).toEqual([]);
    expect(conflictsOf(judge, entry('1.52.'))).toEqual([]);
    expect(conflictsOf(judge, entry('1.'))).toEqual([]);
  });

  it('gives outside experts and entries without a unit only declared conflicts', () => {
    expect(conflictsOf({ id: 'X', unitPaths: [] }, entry('1.5.'))).toEqual([]);
    expect(conflictsOf(judge, entry(null))).toEqual([]);
  });

  it('adds a declared conflict with the judge’s reason, alongside a unit conflict', () => {
    const declaring: JudgeRef = { ...judge, declared: ['E9', { entryId: 'E1', reason: ' 选手是我的学生 ' }] };
    expect(conflictsOf(declaring, entry('1.5.1.')).map((c) => c.message)).toEqual([
      '作品单位是评委所在单位的下级单位',
      '评委声明回避：选手是我的学生',
    ]);
    expect(conflictsOf(declaring, entry('2.', 'E9'))).toEqual([
      { kind: 'declared', message: '评委声明回避' },
    ]);
  });

  it('counts every unit a judge belongs to (their member org and the orgs of their other roles)', () => {
    const twoUnits: JudgeRef = { id: 'J', unitPaths: ['1.5.', '1.7.'] };
    expect(conflictsOf(twoUnits, entry('1.7.')).map((c) => c.kind)).toEqual(['same_unit']);
    expect(conflictsOf(twoUnits, entry('1.5.3.')).map((c) => c.kind)).toEqual(['subordinate_unit']);
    expect(conflictsOf(twoUnits, entry('1.6.'))).toEqual([]);
  });
});
