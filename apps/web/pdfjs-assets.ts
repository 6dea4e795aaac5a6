import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/**
 * pdf.js needs its CMaps to draw text in PDFs whose Chinese fonts are not embedded (common in
 * scanned 推荐表 and older Word exports) and its standard font data for the 14 base fonts. They are
 * data files, not modules, so they are copied next to the build (and served in development) under
 * /pdfjs/; PdfPages points pdf.js at them.
 */
const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const folders = ['cmaps', 'standard_fonts'];
export const PDFJS_ASSET_BASE = '/pdfjs/';

export function pdfjsAssets(): Plugin {
  let outDir = 'dist';
  return {
    name: 'jiangtai-pdfjs-assets',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(PDFJS_ASSET_BASE, (req, res, next) => {
        const rel = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\/+/, '');
        const folder = rel.split('/')[0] ?? '';
        const file = path.join(pdfjsRoot, rel);
        if (!folders.includes(folder) || !file.startsWith(pdfjsRoot) || !fs.existsSync(file)) return next();
        fs.createReadStream(file).pipe(res);
      });
    },
    writeBundle() {
      for (const folder of folders)
        fs.cpSync(path.join(pdfjsRoot, folder), path.join(outDir, 'pdfjs', folder), { recursive: true });
    },
  };
}
