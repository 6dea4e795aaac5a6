import { describe, expect, it } from 'vitest';
import { contentDisposition, materialFileName, safeSegment } from './file-names.ts';

describe('file names', () => {
  it('keeps Chinese names readable but strips separators and control characters', () => {
    expect(safeSegment('市教育局/机关\\党委')).toBe('市教育局_机关_党委');
    expect(safeSegment('..\u0000隐藏')).toBe('_隐藏');
    expect(safeSegment('   ')).toBe('未命名');
    expect(materialFileName('张三', 'manuscript', 'docx')).toBe('张三-讲稿.docx');
    expect(materialFileName('李四', 'recommendation_scan', 'jpeg')).toBe('李四-推荐表.jpg');
  });
  it('sends an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('attachment', '推荐表-张三 (1).docx')).toBe(
      `attachment; filename="___-__ (1).docx"; filename*=UTF-8''%E6%8E%A8%E8%8D%90%E8%A1%A8-%E5%BC%A0%E4%B8%89%20%281%29.docx`,
    );
  });
});
