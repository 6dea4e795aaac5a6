import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import {
  CLASSROOM_PAGE_SIZE,
  type ClassroomHome,
  type ClassroomLectureCard,
  type ClassroomList,
  type ClassroomListQuery,
} from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { publishedVisibleTo, viewerPlaces, type ViewerPlaces } from './policy.ts';
import { excerpt, firstHit, highlight, parseQuery, type ParsedQuery } from './query-terms.ts';
import type { Db } from './repository.ts';
import { HEAD_SEPARATOR } from './search-index.ts';

/**
 * The classroom catalogue: lists and Chinese full-text search over published lectures the viewer may
 * see (policy.ts's `publishedVisibleTo`, the same rule as the detail page).
 *
 * A search's parts must all match. A part matches a lecture when its jieba words are all among the
 * lecture's words (`search_words`, GIN), or, for parts of three characters or more, when the
 * normalised text contains it (`search_text LIKE`, served by the trigram index): names and partial
 * words that segment differently in context still match. Two-character parts are words or the
 * two-character pieces the index keeps of titles, names and tags; a trigram index cannot serve them.
 *
 * Ranking reads only `search_head` (a few hundred characters): a term in the title counts most, then
 * the speaker, the tags, the summary; a lecture matching only in its manuscript ranks after those.
 * Whole parts count more than their single words. Ties go to the newer lecture.
 */

const FIELD_WEIGHTS = [16, 8, 4, 2]; // title, speaker and unit, tags, summary (search_head's order)
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function matchCondition(q: ParsedQuery): Expression<SqlBool> {
  const perPart = q.parts.map((part) => {
    const words = sql`l.search_words @@ plainto_tsquery('simple', ${part.words.join(' ')})`;
    return part.byText ? sql`(${words} OR l.search_text LIKE ${likePattern(part.text)})` : words;
  });
  return sql<SqlBool>`(${sql.join(perPart, sql` AND `)})`;
}

function scoreExpression(q: ParsedQuery): RawBuilder<number> {
  const wholes = new Set(q.parts.map((p) => p.text));
  const terms = q.terms.flatMap((term) =>
    FIELD_WEIGHTS.map(
      (w, i) =>
        sql`CASE WHEN strpos(split_part(l.search_head, ${HEAD_SEPARATOR}, ${sql.lit(i + 1)}), ${term}) > 0 THEN ${sql.lit(wholes.has(term) ? w * 4 : w)} ELSE 0 END`,
    ),
  );
  return sql<number>`(1 + ${sql.join(terms, sql` + `)})`;
}

interface Filters {
  q?: string;
  category?: string;
  tag?: string;
}

function cataloguePage(db: Db, places: ViewerPlaces, f: Filters, parsed: ParsedQuery | null) {
  let query = db
    .selectFrom('classroom_lectures as l')
    .where(publishedVisibleTo(places))
    .select([
      'l.id',
      'l.title',
      'l.speaker_name',
      'l.speaker_unit',
      'l.category',
      'l.tags',
      'l.summary',
      'l.duration_seconds',
      'l.visibility',
      'l.published_at',
      sql<string>`count(*) over ()`.as('total'),
    ]);
  if (f.category) query = query.where('l.category', '=', f.category);
  if (f.tag) query = query.where(sql<SqlBool>`l.tags @> ARRAY[${f.tag}]::text[]`);
  if (parsed) {
    query = query
      .where(matchCondition(parsed))
      .select(scoreExpression(parsed).as('score'))
      .orderBy('score', 'desc');
  }
  return query.orderBy('l.published_at', 'desc').orderBy('l.id', 'desc');
}

type Row = Awaited<ReturnType<ReturnType<typeof cataloguePage>['execute']>>[number];

/** How much of a manuscript is read for a snippet: a match further on shows the summary instead. */
const SNIPPET_SOURCE_CHARS = 20_000;

/** For listed lectures whose summary shows no match: the manuscript around its first match. */
async function manuscriptPieces(db: Db, ids: string[], terms: string[]) {
  const out = new Map<string, string>();
  if (!ids.length || !terms.length) return out;
  const rows = await db
    .selectFrom('classroom_lectures')
    .select(['id', sql<string>`left(manuscript_text, ${SNIPPET_SOURCE_CHARS})`.as('text')])
    .where('id', 'in', ids)
    .execute();
  for (const r of rows) {
    const at = firstHit(r.text, terms);
    if (at >= 0) out.set(r.id, excerpt(r.text, at));
  }
  return out;
}

function card(r: Row, terms: string[], piece: string | undefined): ClassroomLectureCard {
  const summaryHit = terms.length ? firstHit(r.summary, terms) : -1;
  const snippetText = summaryHit >= 0 || !piece ? excerpt(r.summary, Math.max(summaryHit, 0)) : piece;
  return {
    id: r.id,
    title: r.title,
    titleSegments: terms.length ? highlight(r.title, terms) : [{ text: r.title, hit: false }],
    snippet: terms.length
      ? highlight(snippetText, terms)
      : snippetText
        ? [{ text: snippetText, hit: false }]
        : [],
    speakerName: r.speaker_name,
    speakerUnit: r.speaker_unit,
    category: r.category,
    tags: r.tags,
    durationSeconds: r.duration_seconds,
    visibility: r.visibility,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
}

/** One page of the catalogue for a viewer whose places are known (the bench calls this directly). */
export async function searchCatalogue(
  db: Kysely<DB>,
  places: ViewerPlaces,
  f: Filters & { page?: number },
  pageSize = CLASSROOM_PAGE_SIZE,
): Promise<ClassroomList> {
  const page = f.page ?? 1;
  const parsed = f.q ? parseQuery(f.q) : null;
  if (parsed && !parsed.parts.length) return { items: [], total: 0, page, pageSize };
  const run = async (tx: Db): Promise<ClassroomList> => {
    const rows = await cataloguePage(tx, places, f, parsed)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const terms = parsed?.terms ?? [];
    const needPieces = rows.filter((r) => terms.length && firstHit(r.summary, terms) < 0).map((r) => r.id);
    const pieces = await manuscriptPieces(tx, needPieces, terms);
    return {
      items: rows.map((r) => card(r, terms, pieces.get(r.id))),
      total: rows.length ? Number(rows[0]!.total) : page === 1 ? 0 : await countOnly(tx, places, f, parsed),
      page,
      pageSize,
    };
  };
  if (!parsed) return run(db);
  // The planner does not count reading a lecture's words or text out of TOAST (kilobytes each), so
  // it may scan every lecture and test each one, a hundred times slower than the GIN indexes. For
  // this statement only, it gets nothing but index bitmaps: those find the matches without reading
  // the long columns (words) or read them only for trigram candidates (text).
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`.execute(
      tx,
    );
    return run(tx);
  });
}

/** The count when a page lies past the end (no row carries it). */
async function countOnly(db: Db, places: ViewerPlaces, f: Filters, parsed: ParsedQuery | null) {
  const r = await cataloguePage(db, places, f, parsed).limit(1).execute();
  return r.length ? Number(r[0]!.total) : 0;
}

export function catalogueService(deps: Pick<AppDeps, 'db'>) {
  return {
    async list(actor: Actor, query: ClassroomListQuery): Promise<ClassroomList> {
      return searchCatalogue(deps.db, await viewerPlaces(deps.db, actor), query);
    },

    /** 微课堂 home: the newest lectures, categories and the most used tags (专题), all the viewer's. */
    async home(actor: Actor): Promise<ClassroomHome> {
      const places = await viewerPlaces(deps.db, actor);
      const [newest, categories, tags] = await Promise.all([
        searchCatalogue(deps.db, places, {}, 6),
        deps.db
          .selectFrom('classroom_lectures as l')
          .where(publishedVisibleTo(places))
          .where('l.category', '<>', '')
          .select(['l.category as name', sql<number>`count(*)::int`.as('count')])
          .groupBy('l.category')
          .orderBy('count', 'desc')
          .orderBy('l.category')
          .execute(),
        deps.db
          .selectFrom(
            deps.db
              .selectFrom('classroom_lectures as l')
              .where(publishedVisibleTo(places))
              .select(sql<string>`unnest(l.tags)`.as('tag'))
              .as('t'),
          )
          .select(['t.tag as name', sql<number>`count(*)::int`.as('count')])
          .groupBy('t.tag')
          .orderBy('count', 'desc')
          .orderBy('t.tag')
          .limit(20)
          .execute(),
      ]);
      return { newest: newest.items, categories, tags };
    },
  };
}
