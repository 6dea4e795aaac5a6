import { describe, expect, it } from 'vitest';
import { headerKey, isMaskedPhone, normaliseInteger, normalisePhone, toHalfWidth } from './normalise.ts';

describe('import cell normalisation', () => {
  it('turns full-width digits, letters and the ideographic space into ASCII', () => {
    expect(toHalfWidth('１３８０００００００１')).toBe('13800000001');
    expect(toHalfWidth('ＪＴ００１\u3000Ａ')).toBe('JT001 A');
  });

  it('reads phones typed with spaces, dashes (any width), full-width digits or +86', () => {
    for (const typed of [
      '１３８０００００００１',
      '138 0000 0001',
      '138-0000-0001',
      '138－0000－0001',
      '138—0000—0001',
      '１３８\u3000００００\u3000０００１',
      '+86 138 0000 0001',
      '8613800000001',
    ])
      expect(normalisePhone(typed), typed).toBe('13800000001');
    expect(normalisePhone('0371-1234567')).toBe('03711234567'); // still refused later: not a mobile number
    expect(normalisePhone('139****5678')).toBe('139****5678');
  });

  it('normalises whole numbers and header cells', () => {
    expect(normaliseInteger('１ ２')).toBe('12');
    expect(headerKey('手机号 ＊')).toBe('手机号');
    expect(headerKey('组织 编码*')).toBe('组织编码');
  });

  it('recognises phones masked by an export', () => {
    expect(isMaskedPhone('139****5678')).toBe(true);
    expect(isMaskedPhone('13912345678')).toBe(false);
  });
});
