import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Spin, Typography } from 'antd';
import { DownloadOutlined, ZoomInOutlined, ZoomOutOutlined, ColumnWidthOutlined } from '@ant-design/icons';
// The legacy build runs in older embedded browsers (WeChat's among them), not only current ones.
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import type { PdfViewerProps } from './PdfViewer.tsx';

GlobalWorkerOptions.workerSrc = workerUrl;

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** The pdf.js part of PdfViewer (its own chunk). Pages render when they come near the screen. */
export default function PdfPages({ url, title, onDownload }: PdfViewerProps) {
  const box = useRef<HTMLDivElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [width, setWidth] = useState(0);
  const [zoom, setZoom] = useState(1);

  // A new URL remounts this component (PdfViewer keys it by URL), so state starts empty.
  useEffect(() => {
    const task = getDocument({
      url,
      withCredentials: true,
      isEvalSupported: false,
      // Copied next to the build by pdfjs-assets.ts: Chinese text in PDFs without embedded fonts.
      cMapUrl: '/pdfjs/cmaps/',
      cMapPacked: true,
      standardFontDataUrl: '/pdfjs/standard_fonts/',
    });
    task.promise.then(setDoc, (e: unknown) => {
      const status = (e as { status?: number }).status;
      setError(
        status === 404 || status === 403
          ? '文件不存在或您没有查看权限'
          : `文件无法显示（${e instanceof Error ? e.message : '未知错误'}），请下载后查看`,
      );
    });
    return () => void task.destroy();
  }, [url]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth - 2));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const step = (d: number) =>
    setZoom((z) => ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, ZOOMS.indexOf(z) + d))] ?? 1);

  return (
    <Flex vertical gap={8} data-testid="pdf-viewer">
      <Flex wrap="wrap" gap={8} align="center">
        <Typography.Text strong>{title}</Typography.Text>
        <Typography.Text type="secondary" data-testid="pdf-page-count">
          {doc ? `共 ${doc.numPages} 页` : error ? '' : '加载中…'}
        </Typography.Text>
        <Flex gap={4} style={{ marginLeft: 'auto' }}>
          <Button size="small" aria-label="缩小" icon={<ZoomOutOutlined />} onClick={() => step(-1)} />
          <Button size="small" icon={<ColumnWidthOutlined />} onClick={() => setZoom(1)}>
            适合宽度
          </Button>
          <Button size="small" aria-label="放大" icon={<ZoomInOutlined />} onClick={() => step(1)} />
          {onDownload && (
            <Button size="small" icon={<DownloadOutlined />} onClick={onDownload}>
              下载
            </Button>
          )}
        </Flex>
      </Flex>
      <div
        ref={box}
        style={{
          maxHeight: '80vh',
          overflow: 'auto',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
          background: '#f5f5f5',
        }}
      >
        {error ? (
          <Alert type="warning" showIcon title={error} style={{ margin: 8 }} />
        ) : !doc || width <= 0 ? (
          <div style={{ padding: 24, textAlign: 'center' }}>
            <Spin />
          </div>
        ) : (
          Array.from({ length: doc.numPages }, (_, i) => (
            <Page key={`${i}-${zoom}-${width}`} doc={doc} number={i + 1} width={width * zoom} root={box} />
          ))
        )}
      </div>
    </Flex>
  );
}

/** One page: a placeholder of the page's size until it nears the visible area, then its canvas. */
function Page({
  doc,
  number,
  width,
  root,
}: {
  doc: PDFDocumentProxy;
  number: number;
  width: number;
  root: React.RefObject<HTMLDivElement | null>;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [height, setHeight] = useState(width * 1.414);
  const [near, setNear] = useState(number <= 2);

  useEffect(() => {
    const el = canvas.current;
    if (!el || near) return;
    const observer = new IntersectionObserver(
      (seen) => {
        if (seen.some((s) => s.isIntersecting)) setNear(true);
      },
      { root: root.current, rootMargin: '800px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near, root]);

  useEffect(() => {
    if (!near) return;
    let cancelled = false;
    let task: { cancel: () => void; promise: Promise<unknown> } | null = null;
    void doc.getPage(number).then((page) => {
      const el = canvas.current;
      const context = el?.getContext('2d');
      if (cancelled || !el || !context) return;
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: width / base.width });
      const ratio = window.devicePixelRatio || 1;
      el.width = Math.floor(viewport.width * ratio);
      el.height = Math.floor(viewport.height * ratio);
      setHeight(viewport.height);
      task = page.render({
        canvasContext: context,
        viewport,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
      });
      task.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, number, width, near]);

  return (
    <canvas
      ref={canvas}
      data-testid="pdf-page"
      aria-label={`第 ${number} 页`}
      style={{ display: 'block', width, height, margin: '0 auto 8px', background: '#fff' }}
    />
  );
}
