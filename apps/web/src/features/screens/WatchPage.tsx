import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { liveSlotStatusLabels } from '@jiangtai/contracts';
import { useLiveSnapshot } from './useLiveSnapshot.ts';
import { useTimer } from './LiveTimer.tsx';
import { ConnectionBadge, LiveFocus, RankingTable, RehearsalBanner } from './parts.tsx';
import './screens.css';

/** 观众页 (/watch/:code): the big screen's content for a phone, read-only. */
export default function WatchPage() {
  const { code = '' } = useParams();
  const { current, connection, error } = useLiveSnapshot(code);
  const timer = useTimer(current);
  const snapshot = current?.snapshot ?? null;

  useEffect(() => {
    const title = snapshot?.campaignTitle;
    document.title = title ? `${title} · 现场` : '讲台 · 现场';
  }, [snapshot?.campaignTitle]);

  return (
    <div className="jt-watch jt-live-light">
      {!snapshot ? (
        <div className="jt-watch-message">{error ?? '正在连接…'}</div>
      ) : (
        <>
          <header className="jt-watch-header">
            <div className="jt-watch-campaign">{snapshot.campaignTitle}</div>
            <div className="jt-watch-round">{snapshot.roundName}</div>
          </header>
          <RehearsalBanner snapshot={snapshot} />
          <section className="jt-watch-card">
            <LiveFocus snapshot={snapshot} timer={timer} labels />
          </section>
          <section className="jt-watch-card">
            <h2>实时排名</h2>
            <RankingTable rows={snapshot.ranking} highlight={snapshot.lastResult?.entryId} />
          </section>
          <section className="jt-watch-card">
            <h2>出场顺序</h2>
            <ol className="jt-watch-order">
              {snapshot.speakers.map((s) => (
                <li
                  key={s.entryId}
                  className={s.entryId === snapshot.currentEntryId ? 'jt-live-highlight' : undefined}
                >
                  <span>{s.position}</span>
                  <span className="jt-watch-order-name">
                    {s.speakerName}
                    <small>
                      {s.unitName} · 《{s.title}》
                    </small>
                  </span>
                  <span className="jt-watch-order-status">{liveSlotStatusLabels[s.status]}</span>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
      <ConnectionBadge connection={connection} />
    </div>
  );
}
