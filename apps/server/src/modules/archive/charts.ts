import sharp from 'sharp';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A bar chart as PNG: an SVG built here (bars, values, labels), rasterised by sharp at twice the size
 * so it prints sharply in Word. Text uses the Noto CJK fonts the server has for certificates.
 */
export async function barChartPng(title: string, bars: readonly { label: string; value: number }[]) {
  const width = 720;
  const height = 360;
  const left = 50;
  const bottom = 300;
  const top = 60;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (width - left - 20) / Math.max(1, bars.length);
  const barW = Math.min(60, slot * 0.6);
  const body = bars
    .map((b, i) => {
      const h = ((bottom - top) * b.value) / max;
      const x = left + slot * i + (slot - barW) / 2;
      const cx = x + barW / 2;
      return [
        `<rect x="${x.toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="#b0141b"/>`,
        `<text x="${cx.toFixed(1)}" y="${(bottom - h - 6).toFixed(1)}" font-size="14" text-anchor="middle">${b.value}</text>`,
        `<text x="${cx.toFixed(1)}" y="${bottom + 22}" font-size="13" text-anchor="middle">${esc(b.label)}</text>`,
      ].join('');
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="100%" height="100%" fill="#ffffff"/>
<g font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif" fill="#1f1f1f">
<text x="${width / 2}" y="32" font-size="20" text-anchor="middle">${esc(title)}</text>
<line x1="${left}" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="#888"/>
${bars.length ? body : `<text x="${width / 2}" y="${(top + bottom) / 2}" font-size="16" text-anchor="middle">暂无数据</text>`}
</g></svg>`;
  return sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
}
