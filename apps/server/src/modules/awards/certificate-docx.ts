import {
  AlignmentType,
  BorderStyle,
  Document,
  HorizontalPositionRelativeFrom,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  TextRun,
  VerticalPositionRelativeFrom,
  type IFontAttributesProperties,
} from 'docx';
import QRCode from 'qrcode';
import type { CertificateFacts } from './certificate-pdf.ts';

/**
 * The same certificate as a Word document, for an organiser who prints on pre-printed certificate
 * paper or adjusts the wording: A4 landscape, 宋体 named in every run (Word and WPS pick the
 * Chinese font; a DOCX carries no fonts), the QR code and the seal as pictures.
 */

const SONG: IFontAttributesProperties = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体', cs: 'SimSun' };
const RED = 'B0141B';
const GREY = '555555';

/** Half-points: 四号 = 14pt = 28, 三号 = 16pt = 32, 小一 = 24pt = 48, 初号 = 42pt = 84. */
const run = (text: string, opts: { size?: number; bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: SONG, size: opts.size ?? 32, bold: opts.bold, color: opts.color });

const frame = { style: BorderStyle.DOUBLE, size: 24, color: RED, space: 24 } as const;

export async function renderCertificateDocx(c: CertificateFacts): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  const addressee = c.kind === 'person' ? `${c.unitName} ${c.name} 同志：` : `${c.name}：`;
  const body =
    c.kind === 'person'
      ? `在${c.campaignTitle}中，${c.title ? `您的微宣讲《${c.title}》` : '您'}荣获`
      : `在${c.campaignTitle}中组织工作成绩突出，荣获`;
  const doc = new Document({
    creator: '讲台',
    title: `荣誉证书 ${c.number}`,
    styles: { default: { document: { run: { font: SONG, size: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            // Given as portrait A4 in twips; the orientation turns it.
            size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 1000, bottom: 800, left: 1300, right: 1300 },
            borders: {
              pageBorderTop: frame,
              pageBorderBottom: frame,
              pageBorderLeft: frame,
              pageBorderRight: frame,
            },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 700, after: 700 },
            children: [run('荣 誉 证 书', { size: 84, bold: true, color: RED })],
          }),
          new Paragraph({ spacing: { after: 200 }, children: [run(addressee, { size: 36, bold: true })] }),
          new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 480 }, children: [run(body)] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 400, after: 400 },
            children: [run(c.award, { size: 64, bold: true, color: RED })],
          }),
          new Paragraph({
            indent: { firstLine: 640 },
            spacing: { after: 1000 },
            children: [run('特发此证，以资鼓励。')],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 200 },
            indent: { right: 600 },
            children: [
              run(c.issuer, { bold: true }),
              ...(c.seal
                ? [
                    new ImageRun({
                      type: c.seal.mime === 'image/png' ? 'png' : 'jpg',
                      data: c.seal.image,
                      transformation: { width: 128, height: 128 },
                      // Over the issuer's name, in front of the text, as a stamp is.
                      floating: {
                        horizontalPosition: {
                          relative: HorizontalPositionRelativeFrom.COLUMN,
                          offset: 6_900_000,
                        },
                        verticalPosition: {
                          relative: VerticalPositionRelativeFrom.PARAGRAPH,
                          offset: -500_000,
                        },
                        allowOverlap: true,
                        behindDocument: false,
                      },
                    }),
                  ]
                : []),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            indent: { right: 600 },
            children: [run(c.dateText, { size: 28 })],
          }),
          new Paragraph({
            spacing: { before: 100 },
            children: [
              new ImageRun({ type: 'png', data: qr, transformation: { width: 84, height: 84 } }),
              run(`  扫码查验证书真伪  证书编号：${c.number}`, { size: 18, color: GREY }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
