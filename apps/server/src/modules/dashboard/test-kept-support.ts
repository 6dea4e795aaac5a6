import type { KeptFacts } from './kept-facts.ts';
import { furthestBehind } from './laggards.ts';

/**
 * KeptFacts in a form two countings can be compared in: laggard lists as lines in the order the page
 * ranks them (laggards.ts), rows whose order means nothing sorted.
 */
export const comparableFacts = (k: KeptFacts) => [
  ...(['plans', 'lectures', 'coverage'] as const).map(
    (m) =>
      `${m}: ${[...k[m]]
        .sort(furthestBehind)
        .map((c) => `${c.org.name}=${c.done}/${c.of} ${c.parentName}`)
        .join(' ')}`,
  ),
  `branches: ${[...k.branchCounts]
    .map(([c, n]) => `${c}=${n}`)
    .sort()
    .join(' ')}`,
  JSON.stringify({
    kids: k.kids,
    season: [...k.seasonRows].sort((a, b) => (a.path < b.path ? -1 : 1)),
    coverage: [...k.coverageRows].sort((a, b) => Number(a.child) - Number(b.child)),
    weeks: k.weeks,
  }),
];
