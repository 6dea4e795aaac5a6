import { lazy, Suspense } from 'react';
import { Spin } from 'antd';

/** pdf.js is large: it loads in its own chunk the first time a PDF is shown. */
const PdfPages = lazy(() => import('./PdfPages.tsx'));

export interface PdfViewerProps {
  /** Same-origin URL of the PDF (the session cookie goes along). */
  url: string;
  /** Shown as the viewer's label, e.g. 「讲稿」. */
  title: string;
  /** A download button in the toolbar, where the viewer may download the file. */
  onDownload?: () => void;
}

/**
 * A PDF drawn into the page (one canvas per page) with pdf.js, instead of the browser's own viewer:
 * WeChat's browser shows no PDF in an iframe or a new tab. Pages fit the width (phones), with zoom.
 */
export function PdfViewer(props: PdfViewerProps) {
  return (
    <Suspense
      fallback={
        <div style={{ padding: 24, textAlign: 'center' }}>
          <Spin /> 正在加载预览…
        </div>
      }
    >
      <PdfPages key={props.url} {...props} />
    </Suspense>
  );
}
