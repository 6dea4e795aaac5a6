import { deflateSync, inflateSync } from 'node:zlib';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { blindContentDisposition, blindDocument, blindDownloadName, HIDDEN_AUTHOR } from './blind-files.ts';
import { readZip } from './zip-read.ts';

const IDENTITY = ['张三', '市教育局', '13800001234'];

/** Every way the identity strings may sit in a file's bytes: UTF-8, UTF-16BE, and both as hex. */
function identityEncodings(): Buffer[] {
  return IDENTITY.flatMap((text) => {
    const utf8 = Buffer.from(text, 'utf8');
    const utf16 = utf16be(text);
    return [
      utf8,
      utf16,
      ...[utf8, utf16].flatMap((b) => [b.toString('hex'), b.toString('hex').toUpperCase()]),
    ].map((b) => (typeof b === 'string' ? Buffer.from(b, 'latin1') : b));
  });
}

function utf16be(text: string): Buffer {
  const b = Buffer.from(text, 'utf16le');
  return Buffer.from(b.swap16());
}

function expectNoIdentity(bytes: Buffer, where: string) {
  for (const needle of identityEncodings())
    expect(bytes.includes(needle), `${where} contains ${needle.toString('latin1')}`).toBe(false);
}

function members(zip: Buffer): Map<string, Buffer> {
  return new Map(readZip(zip).map((m) => [m.name, m.data]));
}

function zip(entries: Record<string, string>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) z.addBuffer(Buffer.from(text), name);
  z.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

const bodyText = (documentXml: Buffer) =>
  [...documentXml.toString('utf8').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('blindDocument: DOCX', () => {
  async function speakerDocx() {
    const doc = new Document({
      creator: '张三',
      lastModifiedBy: '张三',
      title: '市教育局 张三的党课',
      subject: '市教育局',
      description: '13800001234',
      keywords: '张三 13800001234',
      customProperties: [{ name: '单位', value: '市教育局 13800001234' }],
      comments: {
        children: [
          { id: 0, author: '张三', initials: 'ZS', date: new Date(), children: [new Paragraph('请审阅')] },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({
              children: [
                new CommentRangeStart(0),
                new TextRun('学习党的二十大精神'),
                new CommentRangeEnd(0),
                new TextRun({ children: [new CommentReference(0)] }),
              ],
            }),
          ],
        },
      ],
    });
    return Packer.toBuffer(doc);
  }

  it('blanks the properties, drops custom properties and hides comment authors; the body is untouched', async () => {
    const original = await speakerDocx();
    const before = members(original);
    expect(before.get('docProps/core.xml')!.toString()).toContain('张三');

    const blinded = await blindDocument(original, 'docx');
    const after = members(blinded); // a valid zip: every member read back, sizes checked
    expectNoIdentity(blinded, 'the zip');
    for (const [name, data] of after) expectNoIdentity(data, name);

    expect(after.get('word/document.xml')!.equals(before.get('word/document.xml')!)).toBe(true);
    expect(bodyText(after.get('word/document.xml')!)).toBe('学习党的二十大精神');
    for (const name of ['word/styles.xml', 'word/settings.xml', 'word/theme/theme1.xml'])
      expect(after.get(name)!.equals(before.get(name)!), name).toBe(true);

    const core = after.get('docProps/core.xml')!.toString();
    expect(core).toContain('<dc:creator></dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy></cp:lastModifiedBy>');
    expect(core).toMatch(/<dcterms:created xsi:type="dcterms:W3CDTF">\d{4}-/);

    expect(after.has('docProps/custom.xml')).toBe(false);
    expect(after.get('_rels/.rels')!.toString()).not.toContain('custom-properties');
    expect(after.get('_rels/.rels')!.toString()).toContain('core-properties');
    expect(after.get('[Content_Types].xml')!.toString()).not.toContain('/docProps/custom.xml');

    const comments = after.get('word/comments.xml')!.toString();
    expect(comments).toContain(`w:author="${HIDDEN_AUTHOR}"`);
    expect(comments).toContain('w:initials=""');
    expect(comments).toContain('请审阅');
  });

  it('hides the author of tracked changes in the body', async () => {
    const document =
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<w:body><w:p><w:ins w:id="1" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:t>新增</w:t></w:r></w:ins></w:p></w:body></w:document>';
    const original = await zip({
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      'word/document.xml': document,
    });
    const after = members(await blindDocument(original, 'docx'));
    expect(after.get('word/document.xml')!.toString()).toBe(document.replace('张三', HIDDEN_AUTHOR));
  });
});

describe('blindDocument: PPTX and XLSX', () => {
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="/docProps/custom.xml"/>' +
    '</Relationships>';
  const core =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:title>张三的党课</dc:title><dc:creator>张三</dc:creator><cp:lastModifiedBy>张三</cp:lastModifiedBy><cp:category>市教育局</cp:category>' +
    '<cp:contentStatus>13800001234</cp:contentStatus><dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T08:00:00Z</dcterms:created></cp:coreProperties>';
  const app =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Template>C:\\Users\\张三\\模板.potx</Template><TotalTime>12</TotalTime><Slides>1</Slides>' +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>幻灯片标题</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>' +
    '<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>张三的党课</vt:lpstr></vt:vector></TitlesOfParts>' +
    '<Manager>张三</Manager><Company>市教育局</Company><AppVersion>16.0000</AppVersion></Properties>';
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>' +
    '</Types>';
  const custom =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="电话"><vt:lpwstr>13800001234</vt:lpwstr></property></Properties>';
  const slide =
    '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    '<p:cSld><p:spTree><p:sp><p:nvSpPr><p:cNvPr id="2" name="标题 1"/></p:nvSpPr><p:txBody><a:p><a:r><a:t>为人民服务</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>';

  it('blanks a PPTX the same way and keeps slides byte for byte', async () => {
    const original = await zip({
      '[Content_Types].xml': contentTypes,
      '_rels/.rels': rels,
      'docProps/core.xml': core,
      'docProps/app.xml': app,
      'docProps/custom.xml': custom,
      'ppt/presentation.xml':
        '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
      'ppt/slides/slide1.xml': slide,
      'ppt/commentAuthors.xml':
        '<p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cmAuthor id="1" name="张三" initials="ZS" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>',
    });
    const blinded = await blindDocument(original, 'pptx');
    const after = members(blinded);
    expectNoIdentity(blinded, 'the zip');
    for (const [name, data] of after) expectNoIdentity(data, name);

    expect([...after.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'ppt/presentation.xml',
      'ppt/slides/slide1.xml',
      'ppt/commentAuthors.xml',
    ]);
    expect(after.get('ppt/slides/slide1.xml')!.toString()).toBe(slide); // name="标题 1" on a shape is kept
    expect(after.get('docProps/core.xml')!.toString()).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T08:00:00Z</dcterms:created>',
    );
    const appAfter = after.get('docProps/app.xml')!.toString();
    expect(appAfter).toContain('<TotalTime>12</TotalTime><Slides>1</Slides><AppVersion>16.0000</AppVersion>');
    expect(appAfter).not.toMatch(/Company|Manager|Template|TitlesOfParts|HeadingPairs/);
    expect(after.get('ppt/commentAuthors.xml')!.toString()).toContain(`name="${HIDDEN_AUTHOR}" initials=""`);
    expect(after.get('[Content_Types].xml')!.toString()).toContain('/docProps/core.xml');
  });

  it('hides XLSX comment authors and the sharing user', async () => {
    const original = await zip({
      '[Content_Types].xml': contentTypes,
      'docProps/core.xml': core,
      'xl/workbook.xml':
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fileSharing userName="张三"/><sheets/></workbook>',
      'xl/comments1.xml':
        '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>张三</author></authors><commentList/></comments>',
      'xl/persons/person.xml':
        '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="张三" id="{1}" userId="13800001234@example.com" providerId="AD"/></personList>',
    });
    const blinded = await blindDocument(original, 'xlsx');
    for (const [name, data] of members(blinded)) expectNoIdentity(data, name);
    expect(members(blinded).get('xl/comments1.xml')!.toString()).toContain(
      `<author>${HIDDEN_AUTHOR}</author>`,
    );
  });

  it('refuses a file that is not a zip rather than passing it through', async () => {
    await expect(blindDocument(Buffer.from('张三 not a zip'), 'docx')).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// PDF, written by hand: objects in order, a classic xref table with the real offsets.

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const hex16 = (text: string) => utf16be(text).toString('hex');

function streamObject(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    latin1(`<< ${dict} /Length ${data.length} >>\nstream\n`),
    data,
    latin1('\nendstream'),
  ]);
}

function buildPdf(objects: Buffer[], trailer: string): Buffer {
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    const obj = Buffer.concat([latin1(`${i + 1} 0 obj\n`), body, latin1('\nendobj\n')]);
    offsets.push(at);
    parts.push(obj);
    at += obj.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(latin1(xref));
  return Buffer.concat(parts);
}

const xmp = (creator: string) =>
  Buffer.from(
    `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
      `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` +
      `<dc:creator><rdf:Seq><rdf:li>${creator}</rdf:li></rdf:Seq></dc:creator><dc:title><rdf:Alt><rdf:li xml:lang="x-default">张三的党课</rdf:li></rdf:Alt></dc:title>` +
      `<pdf:Author>${creator}</pdf:Author><xmp:CreatorTool>市教育局 13800001234</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>`,
    'utf8',
  );

/** Object offsets from the xref table must still land on "n 0 obj". */
function expectXrefIntact(pdf: Buffer) {
  const text = pdf.toString('latin1');
  const table = /xref\n0 (\d+)\n([\s\S]*?)trailer/.exec(text)!;
  const rows = table[2]!.trim().split('\n').slice(1);
  rows.forEach((row, i) => {
    const offset = Number(row.slice(0, 10));
    expect(text.slice(offset, offset + 12)).toMatch(new RegExp(`^${i + 1} 0 obj`));
  });
}

describe('blindDocument: PDF', () => {
  function speakerPdf(): Buffer {
    const info = Buffer.concat([
      latin1(`<< /Author <FEFF${hex16('张三').toUpperCase()}> /Creator <feff${hex16('市教育局')}> /Title (`),
      Buffer.from([0xfe, 0xff]),
      utf16be('张三的党课'),
      latin1(') /Subject ('),
      Buffer.from('市教育局 13800001234', 'utf8'), // a careless producer: raw UTF-8 in a literal string
      latin1(') /Keywords (\\(党课\\) \\\\ (nested 13800001234\\)) ) /Producer (13800001234)'),
      latin1(" /CreationDate (D:20240501080000+08'00') /Trapped /False >>"),
    ]);
    return buildPdf(
      [
        latin1('<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>'),
        latin1('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
        latin1(
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Annots [7 0 R] /Metadata 8 0 R >>',
        ),
        streamObject('', latin1('0 0 m 100 100 l S')),
        streamObject('/Type /Metadata /Subtype /XML', xmp('张三')),
        info,
        latin1(
          `<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /T <FEFF${hex16('张三')}> /Contents (ok) >>`,
        ),
        streamObject('/Type /Metadata /Subtype /XML /Filter /FlateDecode', deflateSync(xmp('张三'))),
      ],
      '/Root 1 0 R /Info 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]',
    );
  }

  it('blanks Info strings (hex and literal), XMP and comment authors in place, keeping every offset', async () => {
    const original = speakerPdf();
    expect(original.includes(Buffer.from('张三', 'utf8'))).toBe(true);
    expect(original.includes(latin1(hex16('张三').toUpperCase()))).toBe(true);

    const blinded = await blindDocument(original, 'pdf');
    expect(blinded.length).toBe(original.length);
    expect(blinded.subarray(0, 5).toString()).toBe('%PDF-');
    expect(blinded.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expectNoIdentity(blinded, 'the PDF');
    expectXrefIntact(blinded);

    const text = blinded.toString('latin1');
    expect(text).toMatch(
      /\/Author <\s+> \/Creator <\s+> \/Title \(\s+\) \/Subject \(\s+\) \/Keywords \(\s+\) \/Producer \(\s+\)/,
    );
    expect(text).toContain("/CreationDate (D:20240501080000+08'00') /Trapped /False");
    expect(text).toMatch(/<< \/Type \/Catalog \/Pages 2 0 R\s+>>/);
    expect(text).not.toMatch(/\/Metadata \d/);
    expect(text).toContain('/Contents (ok)'); // the comment text is content, only its author goes
    // The compressed XMP stream is now an unfiltered stream of spaces of the same length.
    expect(text).toMatch(/\/Type \/Metadata \/Subtype \/XML\s+\/Length \d+ >>\nstream\n +\nendstream/);
    expect(text).toContain('0 0 m 100 100 l S');
  });

  it('blanks an Info dictionary packed in a compressed object stream and fixes its /Length in place', async () => {
    const info = `<< /Author <FEFF${hex16('张三')}> /Title (13800001234) /Subject (${'市教育局'}) >>`;
    const catalog = '<< /Type /Catalog /Pages 3 0 R /Metadata 9 0 R >>';
    const packed = Buffer.from(`5 0 6 ${Buffer.byteLength(info) + 1} ${info} ${catalog}`, 'utf8');
    const first = packed.indexOf('<<');
    // Level 1 on purpose: the blanked copy is deflated at level 9, so it must come out shorter.
    const objStm = streamObject(
      `/Type /ObjStm /N 2 /First ${first} /Filter /FlateDecode`,
      deflateSync(packed, { level: 1 }),
    );
    const original = buildPdf(
      [
        objStm,
        latin1('<< /Type /Pages /Kids [] /Count 0 >>'),
        latin1('<< /Type /Pages /Kids [] /Count 0 >>'),
      ],
      '/Root 6 0 R /Info 5 0 R',
    );
    const blinded = await blindDocument(original, 'pdf');
    expect(blinded.length).toBe(original.length);
    expectXrefIntact(blinded);
    const text = blinded.toString('latin1');
    const m = /\/Length (\d+) *>>\nstream\n/.exec(text)!;
    const dataStart = m.index + m[0].length;
    const data = blinded.subarray(dataStart, dataStart + Number(m[1]));
    expect(text.slice(dataStart + Number(m[1]))).toMatch(/^\s*endstream/);
    const inflated = inflateSync(data);
    expect(inflated.length).toBe(packed.length);
    expectNoIdentity(inflated, 'the object stream');
    expect(inflated.toString('utf8')).toMatch(/<< \/Author <\s+> \/Title \(\s+\) \/Subject \(\s+\) >>/);
    expect(inflated.toString('utf8')).toMatch(/<< \/Type \/Catalog \/Pages 3 0 R\s+>>/);
  });

  it('passes other files through unchanged', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    expect(await blindDocument(png, 'png')).toBe(png);
  });
});

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
