import { describe, expect, it } from 'vitest';
import { blindContentDisposition, blindDownloadName } from './blind-files.ts';

describe('judge download names', () => {
  it('names the file by entry code and material only', () => {
    expect(blindDownloadName('A7K3Q9', '讲稿', 'docx')).toBe('A7K3Q9-讲稿.docx');
    expect(blindDownloadName('A7K3Q9', '课件/终稿', '.PPTX')).toBe('A7K3Q9-课件_终稿.pptx');
  });

  it('sends the Chinese name per RFC 5987 with the bare code as the ASCII fallback', () => {
    expect(blindContentDisposition('A7K3Q9', '讲稿', 'docx')).toBe(
      `attachment; filename="A7K3Q9.docx"; filename*=UTF-8''A7K3Q9-${encodeURIComponent('讲稿')}.docx`,
    );
    expect(blindContentDisposition('A7K3Q9', '视频', 'mp4', 'inline')).toMatch(
      /^inline; filename="A7K3Q9.mp4"; /,
    );
  });
});
