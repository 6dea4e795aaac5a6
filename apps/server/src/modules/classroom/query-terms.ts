import type { HighlightSegment } from '@jiangtai/contracts';
import { normaliseForSearch } from './normalise.ts';
import { queryWords, segmentsIntoWords } from './search-index.ts';

/**
 * What a search box's text means for the index: its parts (split at spaces and punctuation; every part
 * must match), each part's words (jieba's plain cut; a part of one or two characters is its own word),
 * and the terms to highlight (parts and words, longest first).
 */
export interface ParsedQuery {
  /** `byText`: the part is also looked for as plain text (names, partial words; ≥ 3 characters). */
  parts: { text: string; words: string[]; byText: boolean }[];
  terms: string[];
}

const chars = (s: string) => [...s].length;

export function parseQuery(q: string): ParsedQuery {
  // Keeps the middle dot of names such as 买买提·吐尔逊 inside a part.
  const pieces = normaliseForSearch(q)
    .split(/[^\p{L}\p{N}·]+/u)
    .map((p) => p.replace(/^·+|·+$/g, ''))
    .filter(Boolean);
  const parts = [...new Set(pieces)].map((text) => {
    const words = chars(text) <= 2 ? [text] : queryWords(text);
    const byText = chars(text) >= 3 && !segmentsIntoWords(text);
    return { text, words: words.length ? [...new Set(words)] : [text], byText };
  });
  const terms = [...new Set(parts.flatMap((p) => [p.text, ...p.words]))].sort((a, b) => b.length - a.length);
  return { parts, terms };
}

/**
 * `text` cut into pieces, those matching a term marked. Terms are normalised; normalisation keeps every
 * offset, so the match found in the normalised text marks the same characters of the original.
 */
export function highlight(text: string, terms: string[]): HighlightSegment[] {
  if (!text) return [];
  const norm = normaliseForSearch(text);
  const marked = new Uint8Array(text.length);
  for (const term of terms) {
    if (!term) continue;
    for (let at = norm.indexOf(term); at >= 0; at = norm.indexOf(term, at + term.length))
      marked.fill(1, at, at + term.length);
  }
  const out: HighlightSegment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      out.push({ text: text.slice(start, i), hit: marked[start] === 1 });
      start = i;
    }
  }
  return out;
}

/** The first place in `text` where a term occurs (UTF-16 offset), or -1. */
export function firstHit(text: string, terms: string[]): number {
  const norm = normaliseForSearch(text);
  let best = -1;
  for (const term of terms) {
    const at = norm.indexOf(term);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}

const SNIPPET_BEFORE = 24;
const SNIPPET_LENGTH = 90;

/**
 * A short piece of a longer text around `at` (or its start), with ellipses where it was cut, so a
 * phone shows why a lecture matched. Never cuts a surrogate pair in two.
 */
export function excerpt(text: string, at: number, before = SNIPPET_BEFORE): string {
  let from = Math.max(0, at - before);
  if (from > 0 && /[\uDC00-\uDFFF]/.test(text[from] ?? '')) from--;
  let to = Math.min(text.length, from + SNIPPET_LENGTH);
  if (to < text.length && /[\uD800-\uDBFF]/.test(text[to - 1] ?? '')) to++;
  const body = text.slice(from, to).replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}
