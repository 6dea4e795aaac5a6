import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Db } from './repository.ts';

/** One segmenter for the process: loading the dictionary takes a moment and ~50 MB, so it is lazy. */
let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Words of a Chinese text for the index (search mode: 焦裕禄 also yields 裕禄), lower-cased, no punctuation. */
export function searchWords(text: string): string[] {
  if (!text.trim()) return [];
  return segmenter()
    .cutForSearch(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w && /[\p{L}\p{N}]/u.test(w));
}

export interface SearchSource {
  title: string;
  speaker_name: string;
  speaker_unit: string;
  tags: string[];
  summary: string;
  manuscript_text: string;
}

/** The derived search columns of a lecture: its plain text (for trigram matching) and its words. */
export function searchDocument(l: SearchSource): { search_text: string; search_tokens: string } {
  const text = [l.title, l.speaker_name, l.speaker_unit, l.tags.join(' '), l.summary, l.manuscript_text]
    .filter(Boolean)
    .join('\n');
  return { search_text: text, search_tokens: [...new Set(searchWords(text))].join(' ') };
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
