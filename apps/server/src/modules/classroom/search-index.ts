import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normaliseForSearch } from './normalise.ts';
import type { Db } from './repository.ts';

/** One segmenter for the process: loading the dictionary takes a moment and ~50 MB, so it is lazy. */
let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const isWord = (w: string) => !!w && /[\p{L}\p{N}]/u.test(w);

/**
 * Words of a Chinese text for the index (search mode: 焦裕禄精神 yields 焦裕禄 and 精神, 乡村振兴 also
 * 乡村 and 振兴), normalised (simplified, lower case), without punctuation.
 */
export function searchWords(text: string): string[] {
  if (!text.trim()) return [];
  return segmenter()
    .cutForSearch(normaliseForSearch(text), true)
    .map((w) => w.trim())
    .filter(isWord);
}

/** Words of a query: the plain cut (the longest words), which the index's search-mode words include. */
export function queryWords(normalised: string): string[] {
  if (!normalised.trim()) return [];
  return segmenter()
    .cut(normalised, true)
    .map((w) => w.trim())
    .filter(isWord);
}

/**
 * Whether the dictionary alone splits a query part into words of two or more characters (乡村振兴,
 * 焦裕禄 精神). Then a lecture containing the part has those words among its own, and the word index
 * answers alone. Otherwise (a name such as 张桂梅, which only the HMM guesses as one word, or a phrase
 * with single characters) the same characters may segment differently inside a lecture, so search also
 * looks for the part as plain text (trigram index).
 */
export function segmentsIntoWords(normalised: string): boolean {
  const words = segmenter()
    .cut(normalised, false)
    .map((w) => w.trim())
    .filter(isWord);
  return words.length > 0 && words.every((w) => !/^\p{Script=Han}$/u.test(w));
}

/** Every two neighbouring characters of each run of Chinese characters: 张桂梅 → 张桂, 桂梅. */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

export interface SearchSource {
  title: string;
  speaker_name: string;
  speaker_unit: string;
  tags: string[];
  summary: string;
  manuscript_text: string;
}

/** Separates the fields of `search_head`, in this order (search.ts ranks by the field a word is in). */
export const HEAD_SEPARATOR = '\u001f';

/**
 * The derived search columns of a lecture, all normalised (normalise.ts):
 * * `search_text`: the plain text of every field, for trigram matching of names and partial words;
 * * `search_tokens`: its jieba words, plus every two-character piece of the title, the speaker and
 *   the tags (so 桂梅 finds 张桂梅 though no dictionary splits a name), plus whole names and tags;
 * * `search_head`: the short fields for ranking, title, speaker and unit, tags, summary.
 * Write all three together (spread the whole result), or call refreshSearchDoc.
 */
export function searchDocument(l: SearchSource): {
  search_text: string;
  search_tokens: string;
  search_head: string;
} {
  const n = normaliseForSearch;
  const title = n(l.title);
  const speaker = n(`${l.speaker_name} ${l.speaker_unit}`.trim());
  const tags = l.tags.map(n);
  const summary = n(l.summary);
  const text = [title, speaker, tags.join(' '), summary, n(l.manuscript_text)].filter(Boolean).join('\n');
  const whole = [n(l.speaker_name), ...tags].map((w) => w.replace(/\s+/g, '')).filter(isWord);
  const words = new Set([
    ...searchWords(text),
    ...bigrams(`${title} ${n(l.speaker_name)} ${tags.join(' ')}`),
    ...whole,
  ]);
  return {
    search_text: text,
    search_tokens: [...words].join(' '),
    search_head: [title, speaker, tags.join(' '), summary].join(HEAD_SEPARATOR),
  };
}

/** Rewrites a lecture's search columns from its current fields; call after every change to them. */
export async function refreshSearchDoc(db: Db, lectureId: string): Promise<void> {
  const l = await db
    .selectFrom('classroom_lectures')
    .select(['title', 'speaker_name', 'speaker_unit', 'tags', 'summary', 'manuscript_text'])
    .where('id', '=', lectureId)
    .executeTakeFirst();
  if (!l) return;
  await db.updateTable('classroom_lectures').set(searchDocument(l)).where('id', '=', lectureId).execute();
}
