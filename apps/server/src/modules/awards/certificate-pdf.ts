import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AppError } from '../../lib/errors.ts';

/**
 * A certificate (荣誉证书) as an A4 landscape PDF drawn with pdfkit: the CJK font is embedded as a
 * subset (only the characters used), so it prints the same everywhere; the QR code is drawn as
 * vector squares (sharp at any printer resolution) and carries the public verify address.
 */

export interface CertificateFacts {
  kind: 'person' | 'unit';
  campaignTitle: string;
  /** The speaker (person) or the unit's name (unit). */
  name: string;
  unitName: string;
  /** The entry's title for a person; null for a unit. */
  title: string | null;
  award: string;
  issuer: string;
  /** 2026年10月28日 */
  dateText: string;
  number: string;
  verifyUrl: string;
  seal: { image: Buffer; mime: string } | null;
}

/** Where Debian's fonts-noto-cjk puts its collections (and the names of the faces inside them). */
const FONT_DIRS = [
  process.env.CJK_FONT_DIR,
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
].filter((d): d is string => !!d);
const FACES = {
  serif: { file: 'NotoSerifCJK-Regular.ttc', name: 'NotoSerifCJKsc-Regular' },
  serifBold: { file: 'NotoSerifCJK-Bold.ttc', name: 'NotoSerifCJKsc-Bold' },
} as const;

let found: Record<keyof typeof FACES, string> | null = null;

/** The font files, found once; a clear Chinese error when the server has no CJK fonts installed. */
export function cjkFonts(): Record<keyof typeof FACES, string> {
  if (found) return found;
  const locate = (file: string) => FONT_DIRS.map((d) => `${d}/${file}`).find((p) => fs.existsSync(p));
  const serif = locate(FACES.serif.file);
  const serifBold = locate(FACES.serifBold.file);
  if (!serif || !serifBold)
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      '服务器缺少证书所需的中文字体（思源宋体 Noto Serif CJK，Debian 软件包 fonts-noto-cjk），暂时不能生成证书，请联系系统管理员安装后重试',
    );
  found = { serif, serifBold };
  return found;
}

const RED = '#b0141b';
const GOLD = '#c8a040';
const INK = '#1f1f1f';
const GREY = '#555555';

/** Renders one certificate; resolves with the PDF bytes. */
export async function renderCertificate(c: CertificateFacts): Promise<Buffer> {
  const fonts = cjkFonts();
  const qr = qrOf(c.verifyUrl);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: `荣誉证书 ${c.number}`, Subject: c.campaignTitle, Creator: '讲台' },
  });
  doc.registerFont('serif', fonts.serif, FACES.serif.name);
  doc.registerFont('bold', fonts.serifBold, FACES.serifBold.name);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const W = doc.page.width; // 841.89
  const H = doc.page.height; // 595.28

  // Frame: an outer red border and an inner gold line, with corner squares.
  doc
    .lineWidth(6)
    .strokeColor(RED)
    .rect(24, 24, W - 48, H - 48)
    .stroke();
  doc
    .lineWidth(1.5)
    .strokeColor(GOLD)
    .rect(38, 38, W - 76, H - 76)
    .stroke();
  for (const [x, y] of [
    [38, 38],
    [W - 38, 38],
    [38, H - 38],
    [W - 38, H - 38],
  ] as const)
    doc
      .fillColor(GOLD)
      .rect(x - 6, y - 6, 12, 12)
      .fill();

  // Title.
  doc.fillColor(RED).font('bold').fontSize(46);
  doc.text('荣 誉 证 书', 0, 78, { width: W, align: 'center', characterSpacing: 6 });

  // Body.
  const left = 110;
  const width = W - 2 * left;
  let y = 178;
  doc.fillColor(INK).font('bold').fontSize(22);
  const addressee = c.kind === 'person' ? `${c.unitName} ${c.name} 同志：` : `${c.name}：`;
  doc.text(addressee, left, y, { width });
  y = doc.y + 14;
  doc.font('serif').fontSize(18);
  const body =
    c.kind === 'person'
      ? `在${c.campaignTitle}中，${c.title ? `您的微宣讲《${c.title}》` : '您'}荣获`
      : `在${c.campaignTitle}中组织工作成绩突出，荣获`;
  // Two characters' indent on the first line, as a Chinese paragraph; never one or two characters
  // alone on the last line.
  doc.text(body, left, y, { width: noWidow(doc, body, width, 36), indent: 36, lineGap: 8 });
  y = doc.y + 16;
  doc.fillColor(RED).font('bold').fontSize(36);
  doc.text(c.award, 0, y, { width: W, align: 'center', characterSpacing: 4 });
  y = doc.y + 14;
  doc.fillColor(INK).font('serif').fontSize(18);
  doc.text('特发此证，以资鼓励。', left, y, { width, indent: 36 });

  // Issuer and date, bottom right; the seal over the issuer's name.
  const sigW = 300;
  const sigX = W - left - sigW + 40;
  const sigY = H - 150;
  doc.font('bold').fontSize(18).fillColor(INK);
  doc.text(c.issuer, sigX, sigY, { width: sigW, align: 'center' });
  doc.font('serif').fontSize(16);
  doc.text(c.dateText, sigX, sigY + 32, { width: sigW, align: 'center' });
  if (c.seal) {
    const size = 128;
    doc.image(c.seal.image, sigX + sigW / 2 - size / 2, sigY + 14 - size / 2, {
      fit: [size, size],
      align: 'center',
      valign: 'center',
    });
  }

  // QR code and number, bottom left.
  const qrSize = 84;
  const qrX = 70;
  const qrY = H - 70 - qrSize;
  const n = qr.modules.size;
  const cell = qrSize / n;
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++)
    for (let col = 0; col < n; col++)
      if (qr.modules.get(r, col)) doc.rect(qrX + col * cell, qrY + r * cell, cell + 0.05, cell + 0.05);
  doc.fill();
  // The same address as a link on the code, for a certificate opened on screen.
  doc.link(qrX, qrY, qrSize, qrSize, c.verifyUrl);
  doc.fillColor(GREY).font('serif').fontSize(10);
  doc.text('扫码查验证书真伪', qrX + qrSize + 12, qrY + 20, { width: 220 });
  doc.text(`证书编号：${c.number}`, qrX + qrSize + 12, qrY + 40, { width: 260 });

  doc.end();
  return done;
}

/**
 * A narrower box when the text would leave a character or two alone on its last line, so a few
 * more characters go down with them. CJK text wraps between any two characters, so the width
 * alone decides where lines break.
 */
function noWidow(doc: PDFKit.PDFDocument, text: string, width: number, indent: number) {
  const total = doc.widthOfString(text) + indent;
  const size = doc.widthOfString('中');
  const rest = total % width;
  if (total <= width || rest > 2.5 * size) return width;
  const lines = Math.ceil(total / width);
  return width - Math.ceil((4 * size) / (lines - 1));
}

/** The QR code a certificate carries for its verify address (exported so tests read its payload). */
export const qrOf = (url: string) => QRCode.create(url, { errorCorrectionLevel: 'M' });
