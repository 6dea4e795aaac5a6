import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { searchCatalogue } from './search.ts';
import { insertLecture, lectureRow, videoFile } from './test-catalogue-scene.ts';
import { distractor, KNOWN, QUERIES, seeded } from './test-corpus.ts';

/**
 * Search quality: 30 Chinese queries (names, phrases, partial words, traditional script, a unit, a
 * word only in a manuscript) must each find their lecture among the first five of ~200, most of which
 * mention the same words in passing.
 */
let t: TestContext;
const ids = new Map<string, string>();
let places: { memberPath: string; memberId: string; grantPaths: string[] };

beforeAll(async () => {
  t = await createTestContext();
  const unit = await t.factories.org({ name: '课堂单位', type: 'unit' });
  const video = await videoFile(t.db);
  const rand = seeded(7);
  // Distractors are newer than the known lectures, so ties would go against the known ones.
  for (const [i, l] of KNOWN.entries())
    ids.set(
      l.key,
      await insertLecture(t.db, l, {
        org: unit,
        videoFileId: video,
        publishedAt: new Date(Date.UTC(2026, 0, 1 + i)),
      }),
    );
  const distractors = Array.from({ length: 190 }, (_, i) =>
    lectureRow(distractor(rand, i, 400), {
      org: unit,
      videoFileId: video,
      publishedAt: new Date(Date.UTC(2026, 3, 1, 0, i)),
    }),
  );
  await t.db.insertInto('classroom_lectures').values(distractors).execute();
  places = { memberPath: unit.path, memberId: '1', grantPaths: [] };
});
afterAll(() => t?.close());

describe('search quality over ~200 lectures', () => {
  it.each(QUERIES)('$q ($why) finds its lecture in the first five', async ({ q, key }) => {
    const found = await searchCatalogue(t.db, places, { q }, 5);
    expect(found.items.map((i) => i.id)).toContain(ids.get(key));
  });

  it('marks the query in the title of what it found', async () => {
    const found = await searchCatalogue(t.db, places, { q: '學習焦裕祿精神' }, 5);
    const top = found.items.find((i) => i.id === ids.get('jyl'))!;
    expect(top.titleSegments.filter((s) => s.hit).map((s) => s.text)).toEqual(['学习焦裕禄精神']);
  });

  it('shows the manuscript around a word found only there', async () => {
    const found = await searchCatalogue(t.db, places, { q: '塞罕坝' }, 5);
    const hit = found.items.find((i) => i.id === ids.get('shb'))!;
    expect(hit.snippet.find((s) => s.hit)?.text).toBe('塞罕坝');
  });
});
