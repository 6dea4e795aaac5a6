import type { RankedEntry } from './ranking.ts';

/**
 * The results row of an entry that left the contest (已退赛): listed after the ranking with no rank,
 * no score and no tie, so it can take no place; its judges' scores stay visible beneath it.
 */
export function unrankedRow(entryId: string): RankedEntry {
  return {
    entryId,
    rank: null,
    score: null,
    decidedBy: null,
    tiedWith: [],
    needsDecision: false,
    note: null,
    result: {
      assigned: 0,
      counted: 0,
      used: 0,
      removedJudgeIds: [],
      droppedHighest: [],
      droppedLowest: [],
      score: null,
      untrimmedMean: null,
      untrimmedSum: '0',
      criteria: {},
      flags: [],
      penalty: '0',
    },
  };
}
