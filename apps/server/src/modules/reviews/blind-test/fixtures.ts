import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import yazl from 'yazl';

/**
 * Documents that hide their author everywhere an author has been found hiding: document
 * properties, an image's EXIF Artist and XMP creator, an embedded workbook's own properties, a
 * custom XML part, image alt text, a legacy binary .doc/.ppt, PDF Info, XMP, attachments and
 * annotations. Each takes the person to hide; none of it is visible on a page.
 */

export interface Person {
  name: string;
  unitName: string;
  phone: string;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const all = (p: Person) => `${p.name} ${p.unitName} ${p.phone}`;

/** A small JPEG (ffmpeg test pattern) with an EXIF Artist and an XMP dc:creator naming the person. */
export function photoJpeg(p: Person, dir: string): Buffer {
  const file = path.join(dir, 'photo.jpg');
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240'],
    ...['-frames:v', '1', '-flags', '+bitexact', file],
  ]);
  const jpeg = fs.readFileSync(file);
  return Buffer.concat([jpeg.subarray(0, 2), exifSegment(all(p)), xmpSegment(p), jpeg.subarray(2)]);
}

function app1(payload: Buffer): Buffer {
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** EXIF with one IFD0 entry, Artist (0x013B, ASCII; cameras and phones write UTF-8 there). */
function exifSegment(artist: string): Buffer {
  const text = Buffer.concat([Buffer.from(artist, 'utf8'), Buffer.from([0])]);
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x013b, 10);
  tiff.writeUInt16LE(2, 12);
  tiff.writeUInt32LE(text.length, 14);
  tiff.writeUInt32LE(tiff.length, 18);
  tiff.writeUInt32LE(0, 22);
  return app1(Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, text]));
}

function xmpSegment(p: Person): Buffer {
  const xmp =
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">' +
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<dc:creator><rdf:Seq><rdf:li>${xmlEscape(p.name)}</rdf:li></rdf:Seq></dc:creator>` +
    `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(`${p.unitName} ${p.phone}`)}</rdf:li></rdf:Alt></dc:rights>` +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
  return app1(Buffer.from(`http://ns.adobe.com/xap/1.0/\0${xmp}`, 'utf8'));
}

/** A workbook whose own core and app properties name the person (its cells do not). */
async function workbook(p: Person): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = p.name;
  wb.lastModifiedBy = p.name;
  wb.company = p.unitName;
  wb.title = p.phone;
  wb.addWorksheet('评分').addRow(['项目', '分值']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A Word document written part by part: core and app properties, a photo with EXIF/XMP and alt
 * text, an embedded workbook with its own properties, a custom XML part, all naming the person,
 * and folder entries in the zip (legal, and what some tools write).
 */
export async function richDocx(p: Person, dir: string): Promise<Buffer> {
  const photo = photoJpeg(p, dir);
  const alt = xmlEscape(`${p.name}在${p.unitName}的照片 ${p.phone}`);
  const parts: Record<string, string | Buffer> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/>' +
      '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    'docProps/core.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      `<dc:creator>${xmlEscape(p.name)}</dc:creator><cp:lastModifiedBy>${xmlEscape(p.name)}</cp:lastModifiedBy>` +
      `<dc:title>${xmlEscape(`${p.unitName} ${p.phone}`)}</dc:title></cp:coreProperties>`,
    'docProps/app.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
      `<Company>${xmlEscape(p.unitName)}</Company></Properties>`,
    'word/_rels/document.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL}/image" Target="media/photo.jpeg"/>` +
      `<Relationship Id="rId2" Type="${REL}/package" Target="embeddings/Microsoft_Excel_Worksheet.xlsx"/>` +
      `<Relationship Id="rId3" Type="${REL}/customXml" Target="../customXml/item1.xml"/></Relationships>`,
    'word/document.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"' +
      ` xmlns:r="${REL}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
      ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"' +
      ' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:body>' +
      '<w:p><w:r><w:t>一、问题的提出</w:t></w:r></w:p>' +
      '<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="1828800" cy="1371600"/>' +
      `<wp:docPr id="1" name="图片 1" descr="${alt}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
      `<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="photo.jpeg" descr="${alt}"/><pic:cNvPicPr/></pic:nvPicPr>` +
      '<pic:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>' +
      '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="1371600"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>' +
      '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>' +
      '<w:p><w:r><w:object w:dxaOrig="1440" w:dyaOrig="1080"><v:shape id="_x0000_i1025" style="width:72pt;height:54pt" o:ole="">' +
      '<v:imagedata r:id="rId1" o:title=""/></v:shape><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025"' +
      ' DrawAspect="Content" ObjectID="_1" r:id="rId2"/></w:object></w:r></w:p>' +
      '<w:p><w:r><w:t>二、身边的故事</w:t></w:r></w:p>' +
      '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr>' +
      '</w:body></w:document>',
    'word/media/photo.jpeg': photo,
    'word/embeddings/Microsoft_Excel_Worksheet.xlsx': await workbook(p),
    'customXml/item1.xml': `<?xml version="1.0" encoding="UTF-8"?><speaker xmlns="urn:example:speaker"><name>${xmlEscape(p.name)}</name><unit>${xmlEscape(p.unitName)}</unit><phone>${p.phone}</phone></speaker>`,
    'customXml/_rels/item1.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL}/customXmlProps" Target="itemProps1.xml"/></Relationships>`,
    'customXml/itemProps1.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{5A1B2C3D-0000-4000-8000-000000000001}"' +
      ' xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>',
  };
  const zip = new yazl.ZipFile();
  for (const folder of ['docProps/', 'word/', 'word/media/', 'word/embeddings/', 'customXml/'])
    zip.addEmptyDirectory(folder);
  for (const [name, data] of Object.entries(parts))
    zip.addBuffer(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A presentation with the photo and its alt text, author and title in its metadata, written by
 * LibreOffice as `format` (pptx or the binary ppt), as PowerPoint users hand them in.
 */
export function slides(p: Person, dir: string, format: 'pptx' | 'ppt'): Buffer {
  const photo = photoJpeg(p, dir).toString('base64');
  const src = path.join(dir, `slides-${format}.fodp`);
  fs.writeFileSync(
    src,
    `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">
 <office:meta><meta:initial-creator>${xmlEscape(p.name)}</meta:initial-creator><dc:creator>${xmlEscape(p.name)}</dc:creator><dc:title>${xmlEscape(`${p.unitName} ${p.phone}`)}</dc:title></office:meta>
 <office:body><office:presentation><draw:page draw:name="p1">
  <draw:frame svg:x="2cm" svg:y="2cm" svg:width="20cm" svg:height="3cm"><draw:text-box><text:p>一、问题的提出</text:p></draw:text-box></draw:frame>
  <draw:frame svg:x="2cm" svg:y="6cm" svg:width="8cm" svg:height="6cm"><draw:image><office:binary-data>${photo}</office:binary-data></draw:image><svg:desc>${xmlEscape(all(p))}</svg:desc></draw:frame>
 </draw:page></office:presentation></office:body>
</office:document>`,
  );
  convert(src, dir, format);
  return fs.readFileSync(path.join(dir, `slides-${format}.${format}`));
}

/** A Word document saved by LibreOffice as the binary .doc. */
export function legacyDoc(docx: Buffer, dir: string): Buffer {
  const src = path.join(dir, 'legacy.docx');
  fs.writeFileSync(src, docx);
  convert(src, dir, 'doc');
  return fs.readFileSync(path.join(dir, 'legacy.doc'));
}

function convert(src: string, dir: string, format: string) {
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/lo-profile`,
      '--headless',
      '--norestore',
      '--convert-to',
      format,
      '--outdir',
      dir,
      src,
    ],
    { stdio: 'pipe', timeout: 120_000, env: { ...process.env, HOME: dir } },
  );
}

const hexUtf16be = (s: string) => `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

/**
 * A one-page PDF that shows a heading and names the person in its Info dictionary, an XMP stream,
 * an attached file (its name and contents), and the author and text of a sticky-note annotation.
 */
export function annotatedPdf(p: Person): Buffer {
  const xmp = Buffer.from(
    `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${xmlEscape(p.name)}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
    'utf8',
  ).toString('latin1');
  const attached = Buffer.from(`简历：${all(p)}`, 'utf8').toString('latin1');
  const content = 'BT /F1 28 Tf 72 720 Td (Chapter 1) Tj ET';
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R /Metadata 8 0 R /Names << /EmbeddedFiles << /Names [${hexUtf16be(`${p.name}-简历.txt`)} 6 0 R] >> >> >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Annots [5 0 R 9 0 R] >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Type /Annot /Subtype /Text /Rect [400 700 420 720] /T ${hexUtf16be(p.name)} /Contents ${hexUtf16be(`${p.unitName} ${p.phone}`)} >>`,
    `<< /Type /Filespec /F (${p.phone}.txt) /UF ${hexUtf16be(`${p.name}-简历.txt`)} /EF << /F 7 0 R >> /Desc ${hexUtf16be(p.unitName)} >>`,
    `<< /Type /EmbeddedFile /Length ${attached.length} >>\nstream\n${attached}\nendstream`,
    `<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>\nstream\n${xmp}\nendstream`,
    `<< /Type /Annot /Subtype /FileAttachment /Rect [400 650 420 670] /FS 6 0 R /T ${hexUtf16be(p.name)} /Contents ${hexUtf16be(p.phone)} >>`,
    `<< /Author ${hexUtf16be(p.name)} /Title ${hexUtf16be(p.unitName)} /Subject (${p.phone}) >>`,
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 10 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export const fixtureDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'jt-blind-fixture-'));
