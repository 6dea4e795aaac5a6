import { describe, expect, it } from 'vitest';
import { normaliseForSearch, toSimplified } from './normalise.ts';
import { excerpt, highlight, parseQuery } from './query-terms.ts';
import { bigrams, HEAD_SEPARATOR, searchDocument } from './search-index.ts';

describe('search normalisation', () => {
  it('turns common traditional characters into simplified ones and keeps every offset', () => {
    expect(toSimplified('學習焦裕祿精神')).toBe('学习焦裕禄精神');
    expect(toSimplified('張桂梅')).toBe('张桂梅');
    const text = '學習黨的二十大 ABC';
    expect(normaliseForSearch(text)).toBe('学习党的二十大 abc');
    expect(normaliseForSearch(text)).toHaveLength(text.length);
  });

  it('leaves characters that are also simplified ones alone', () => {
    expect(toSimplified('著作 乾坤')).toBe('著作 乾坤');
  });
});

describe('what a query means', () => {
  it('cuts a phrase into words and keeps short parts whole', () => {
    const q = parseQuery('焦裕禄精神');
    expect(q.parts).toHaveLength(1);
    expect(q.parts[0]!.words).toEqual(expect.arrayContaining(['焦裕禄', '精神']));
    expect(parseQuery('桂梅').parts[0]!.words).toEqual(['桂梅']);
  });

  it('splits at spaces and punctuation, normalises, and drops empty parts', () => {
    expect(parseQuery(' 兰考，黨校 ').parts.map((p) => p.text)).toEqual(['兰考', '党校']);
    expect(parseQuery('！？').parts).toEqual([]);
    expect(parseQuery('买买提·吐尔逊').parts.map((p) => p.text)).toEqual(['买买提·吐尔逊']);
  });

  it('highlights longest terms first', () => {
    expect(parseQuery('焦裕禄精神').terms[0]).toBe('焦裕禄精神');
  });
});

describe('highlighting', () => {
  it('marks matches as segments of the original text, traditional script included', () => {
    expect(highlight('學習焦裕祿精神的體會', ['焦裕禄', '精神'])).toEqual([
      { text: '學習', hit: false },
      { text: '焦裕祿精神', hit: true },
      { text: '的體會', hit: false },
    ]);
    expect(highlight('5G基站', ['5g'])).toEqual([
      { text: '5G', hit: true },
      { text: '基站', hit: false },
    ]);
  });

  it('returns text as text: markup in a title stays plain characters', () => {
    const segments = highlight('<b>学习</b>', ['学习']);
    expect(segments.map((s) => s.text).join('')).toBe('<b>学习</b>');
    expect(segments.find((s) => s.hit)?.text).toBe('学习');
  });

  it('cuts an excerpt around a match with ellipses', () => {
    const text = `${'前'.repeat(100)}塞罕坝${'后'.repeat(200)}`;
    const piece = excerpt(text, 100);
    expect(piece.startsWith('…')).toBe(true);
    expect(piece.endsWith('…')).toBe(true);
    expect(piece).toContain('塞罕坝');
  });
});

describe('the search document of a lecture', () => {
  const doc = searchDocument({
    title: '張桂梅：用教育点亮梦想',
    speaker_name: '李晓燕',
    speaker_unit: '华坪县教育局',
    tags: ['时代楷模'],
    summary: '扎根边疆',
    manuscript_text: '创办免费女子高中',
  });

  it('keeps normalised text, words, two-character pieces of names and the head fields in order', () => {
    expect(doc.search_text).toContain('张桂梅');
    const words = doc.search_tokens.split(' ');
    expect(words).toEqual(expect.arrayContaining(['张桂', '桂梅', '李晓燕', '晓燕', '时代楷模', '教育']));
    expect(doc.search_head.split(HEAD_SEPARATOR)).toEqual([
      '张桂梅：用教育点亮梦想',
      '李晓燕 华坪县教育局',
      '时代楷模',
      '扎根边疆',
    ]);
  });

  it('takes two-character pieces from Chinese runs only', () => {
    expect(bigrams('5G基站 ab')).toEqual(['基站']);
  });
});
