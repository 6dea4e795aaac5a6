import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import type { LiveSnapshot } from '@jiangtai/contracts';
import { useLiveSnapshot } from './useLiveSnapshot.ts';
import { useTimer } from './LiveTimer.tsx';
import { QrCode } from './QrCode.tsx';
import { ConnectionBadge, LiveFocus, RankingTable, RehearsalBanner } from './parts.tsx';
import './screens.css';

const WIDTH = 1920;
const HEIGHT = 1080;

/** Scales the 1920×1080 stage to the window (a projector of any resolution, a laptop preview). */
function useStageScale() {
  const measure = () => Math.min(window.innerWidth / WIDTH, window.innerHeight / HEIGHT);
  const [scale, setScale] = useState(measure);
  useEffect(() => {
    const onResize = () => setScale(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

/**
 * 大屏 (/screen/:code): the speaker, unit, title and timer while they speak; each judge's score, the
 * dropped ones struck through, the penalty and the final score once all have scored; the running
 * ranking and a QR code to the audience view. `?theme=dark|light`, `?mode=ranking` for the ranking only.
 */
export default function ScreenPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const theme = params.get('theme') === 'light' ? 'light' : 'dark';
  const rankingOnly = params.get('mode') === 'ranking';
  const { current, connection, error } = useLiveSnapshot(code);
  const timer = useTimer(current);
  const scale = useStageScale();

  useEffect(() => {
    const title = current?.snapshot.campaignTitle;
    document.title = title ? `${title} · 大屏` : '讲台 · 大屏';
  }, [current?.snapshot.campaignTitle]);

  const snapshot = current?.snapshot ?? null;
  return (
    <div className={`jt-screen-viewport jt-live-${theme}`}>
      <div
        className="jt-screen-stage"
        style={{ width: WIDTH, height: HEIGHT, transform: `translate(-50%, -50%) scale(${scale})` }}
      >
        {!snapshot ? (
          <div className="jt-screen-message">{error ?? '正在连接…'}</div>
        ) : (
          <>
            <header className="jt-screen-header">
              <div className="jt-screen-campaign">{snapshot.campaignTitle}</div>
              <div className="jt-screen-round">{snapshot.roundName}</div>
            </header>
            <RehearsalBanner snapshot={snapshot} />
            {rankingOnly ? (
              <RankingScreen snapshot={snapshot} />
            ) : (
              <main className="jt-screen-main">
                <section className="jt-screen-focus">
                  <LiveFocus snapshot={snapshot} timer={timer} />
                </section>
                <aside className="jt-screen-side">
                  <h2>实时排名</h2>
                  <RankingTable rows={snapshot.ranking} highlight={snapshot.lastResult?.entryId} limit={7} />
                  <div className="jt-screen-qr">
                    <QrCode
                      text={`${window.location.origin}/watch/${encodeURIComponent(code)}`}
                      size={150}
                      dark={theme === 'dark' ? '#2b0a0a' : '#000000'}
                      light="#ffffff"
                    />
                    <span>扫码在手机上观看</span>
                  </div>
                </aside>
              </main>
            )}
          </>
        )}
        <ConnectionBadge connection={connection} />
      </div>
    </div>
  );
}

function RankingScreen({ snapshot }: { snapshot: LiveSnapshot }) {
  const rows = snapshot.ranking;
  // Up to 8 rows in one column; more in two, smaller when long, so a final of 24 fits without scrolling.
  const half = rows.length > 8 ? Math.ceil(rows.length / 2) : rows.length;
  const dense = half > 9;
  return (
    <main className={`jt-screen-ranking${dense ? ' jt-screen-ranking-dense' : ''}`}>
      <h2>
        实时排名{' '}
        <small>
          {snapshot.ranking.length} / {snapshot.speakers.filter((s) => s.status !== 'withdrawn').length}{' '}
          位选手已公布成绩
        </small>
      </h2>
      <div className="jt-screen-ranking-columns">
        <RankingTable rows={rows.slice(0, half)} highlight={snapshot.lastResult?.entryId} />
        {rows.length > half && (
          <RankingTable rows={rows.slice(half)} highlight={snapshot.lastResult?.entryId} />
        )}
      </div>
    </main>
  );
}
