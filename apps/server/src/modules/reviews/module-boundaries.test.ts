import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * Rounds once set entries' states, wrote their events and made accounts and grants themselves, so
 * the quota, the entry state machine and the no-self-grant rule could be bypassed from here. Those
 * changes now go through the entries service and the accounts operations, which carry the rules;
 * this test fails when review code writes the other modules' tables directly again.
 */
const OTHERS = [
  // entries
  'entries',
  'entry_events',
  'entry_materials',
  'deadline_extensions',
  // accounts and org
  'users',
  'role_grants',
  'sessions',
  'members',
];
const WRITE = new RegExp(
  `(insertInto|updateTable|deleteFrom)\\(\\s*'(${OTHERS.join('|')})'|\\b(update|insert\\s+into|delete\\s+from)\\s+"?(${OTHERS.join('|')})\\b`,
  'i',
);
// Test support builds scenes by hand on purpose; it never runs in the server.
const isSupport = (f: string) => /\.test\.ts$|^test-|authz-matrix\.ts$|fixtures/.test(f);

describe('the reviews module', () => {
  it("changes entries, accounts, grants and members only through their modules' services", () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const files = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !isSupport(f.split('/').pop()!) && !f.startsWith('blind-test/'));
    expect(files).toContain('results-service.ts');
    const writes = files.flatMap((f) =>
      fs
        .readFileSync(dir + f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (WRITE.test(line) ? [`${f}:${i + 1}`] : [])),
    );
    expect(writes).toEqual([]);
  });
});
