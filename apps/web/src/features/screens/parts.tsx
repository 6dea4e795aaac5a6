import type { LiveRankRow, LiveResult, LiveSnapshot, LiveSpeaker } from '@jiangtai/contracts';
import { liveStateLabels } from '@jiangtai/contracts';
import type { Connection } from './useLiveSnapshot.ts';
import type { TimerView } from './LiveTimer.tsx';

/** Pieces shared by the big screen, the ranking screen and the audience view (styles: screens.css). */

export function ConnectionBadge({ connection }: { connection: Connection }) {
  if (connection === 'live') return null;
  return (
    <div className="jt-live-badge" role="status">
      {connection === 'connecting' ? '正在连接…' : '重新连接中…'}
    </div>
  );
}

export function RehearsalBanner({ snapshot }: { snapshot: LiveSnapshot }) {
  if (!snapshot.rehearsal) return null;
  return <div className="jt-live-rehearsal">彩排 · 成绩不计入正式结果</div>;
}

/** What the screen shows now, in order of precedence. */
export type Stage =
  | { kind: 'speaking'; speaker: LiveSpeaker }
  | { kind: 'scoring'; speaker: LiveSpeaker }
  | { kind: 'awaiting'; speaker: LiveSpeaker }
  | { kind: 'result'; result: LiveResult }
  | { kind: 'next'; speaker: LiveSpeaker }
  | { kind: 'idle' };

export function stageOf(s: LiveSnapshot): Stage {
  const current = s.speakers.find((x) => x.entryId === s.currentEntryId);
  if (current?.status === 'speaking') return { kind: 'speaking', speaker: current };
  if (current?.status === 'scoring') return { kind: 'scoring', speaker: current };
  // All judges scored, but the result is announced only once the supervisor confirmed it.
  if (current?.status === 'scored' && s.lastResult?.entryId !== current.entryId)
    return { kind: 'awaiting', speaker: current };
  if (s.lastResult) return { kind: 'result', result: s.lastResult };
  const upcoming = upcomingOf(s);
  return upcoming ? { kind: 'next', speaker: upcoming } : { kind: 'idle' };
}

/** The speaker who goes on next: the current one while still waiting, else the announced next. */
export function upcomingOf(s: LiveSnapshot): LiveSpeaker | null {
  const current = s.speakers.find((x) => x.entryId === s.currentEntryId);
  if (current?.status === 'waiting') return current;
  return s.speakers.find((x) => x.entryId === s.nextEntryId) ?? null;
}

export function SpeakerLines({
  speaker,
  compact = false,
}: {
  speaker: { position: number; speakerName: string; unitName: string; title: string };
  /** Name and number on one line, unit and title on the next (the result leaves room for the scores). */
  compact?: boolean;
}) {
  if (compact)
    return (
      <div className="jt-live-speaker jt-live-speaker-compact">
        <div>
          <span className="jt-live-position">{speaker.position} 号</span>
          <span className="jt-live-name">{speaker.speakerName}</span>
        </div>
        <div className="jt-live-unit">
          {speaker.unitName}
          <span className="jt-live-title">《{speaker.title}》</span>
        </div>
      </div>
    );
  return (
    <div className="jt-live-speaker">
      <div className="jt-live-position">{speaker.position} 号</div>
      <div className="jt-live-name">{speaker.speakerName}</div>
      <div className="jt-live-unit">{speaker.unitName}</div>
      <div className="jt-live-title">《{speaker.title}》</div>
    </div>
  );
}

export function TimerLine({ timer }: { timer: TimerView }) {
  return (
    <div className={`jt-live-timer jt-live-timer-${timer.phase}`} aria-live="off">
      {timer.phase !== 'over' && <span className="jt-live-timer-caption">剩余</span>}
      <span className="jt-live-timer-text">{timer.text}</span>
      {!timer.running && <span className="jt-live-timer-paused">已暂停</span>}
    </div>
  );
}

export function ScoringLine({ snapshot }: { snapshot: LiveSnapshot }) {
  const scoring = snapshot.scoring;
  return (
    <div className="jt-live-scoring">
      评委评分中
      {scoring ? (
        <span className="jt-live-scoring-count">
          {scoring.submitted} / {scoring.judges}
        </span>
      ) : null}
    </div>
  );
}

export function ResultBlock({ result }: { result: LiveResult }) {
  const penalty = Number(result.penalty) !== 0;
  return (
    <div className="jt-live-result">
      <SpeakerLines speaker={result} compact />
      {result.judges.length > 0 && (
        <ol className={`jt-live-judges${result.judges.length > 7 ? ' jt-live-judges-many' : ''}`}>
          {result.judges.map((j, i) => (
            <li key={i} className={j.dropped ? 'jt-live-dropped' : undefined}>
              <span className="jt-live-judge-label">{j.label}</span>
              <span className="jt-live-judge-score">{j.dropped ? <s>{j.total}</s> : j.total}</span>
              {j.dropped && (
                <span className="jt-live-judge-note">
                  {j.dropped === 'high' ? '去掉最高分' : '去掉最低分'}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="jt-live-breakdown">
        <span>平均分 {result.average}</span>
        {penalty && (
          <span className="jt-live-penalty">
            超时 {result.overtimeSeconds} 秒 扣 {result.penalty} 分
          </span>
        )}
      </div>
      <div className="jt-live-final">
        <span className="jt-live-final-label">最后得分</span>
        <span className="jt-live-final-score">{result.score}</span>
        {!result.confirmed && <span className="jt-live-unconfirmed">待监督员确认</span>}
      </div>
    </div>
  );
}

export function RankingTable({
  rows,
  highlight,
  limit,
}: {
  rows: LiveRankRow[];
  highlight?: string | null;
  limit?: number;
}) {
  let shown = limit ? rows.slice(0, limit) : rows;
  // The speaker just announced stays in view even when ranked below the rows that fit.
  const announced = rows.find((r) => r.entryId === highlight);
  if (limit && announced && !shown.includes(announced)) shown = [...rows.slice(0, limit - 1), announced];
  if (shown.length === 0) return <div className="jt-live-empty">暂无成绩</div>;
  return (
    <ol className="jt-live-ranking">
      {shown.map((r) => (
        <li key={r.entryId} className={r.entryId === highlight ? 'jt-live-highlight' : undefined}>
          <span className="jt-live-rank">{r.rank}</span>
          <span className="jt-live-rank-name">
            {r.speakerName}
            <small>{r.unitName}</small>
          </span>
          <span className="jt-live-rank-score">{r.score}</span>
        </li>
      ))}
    </ol>
  );
}

export function StateLine({ snapshot }: { snapshot: LiveSnapshot }) {
  return <div className="jt-live-state">{liveStateLabels[snapshot.state]}</div>;
}

/**
 * The main area: the speaker and timer, scoring progress, the announced result, or who is next.
 * `labels` adds the short captions the phone view needs (the big screen's layout says it).
 */
export function LiveFocus({
  snapshot,
  timer,
  labels = false,
}: {
  snapshot: LiveSnapshot;
  timer: TimerView | null;
  labels?: boolean;
}) {
  const stage = stageOf(snapshot);
  const caption = (text: string) => (labels ? <div className="jt-live-caption">{text}</div> : null);
  switch (stage.kind) {
    case 'speaking':
      return (
        <>
          {caption('正在宣讲')}
          <SpeakerLines speaker={stage.speaker} />
          {timer && <TimerLine timer={timer} />}
        </>
      );
    case 'scoring':
      return (
        <>
          {caption('宣讲结束')}
          <SpeakerLines speaker={stage.speaker} />
          <ScoringLine snapshot={snapshot} />
        </>
      );
    case 'awaiting':
      return (
        <>
          {caption('宣讲结束')}
          <SpeakerLines speaker={stage.speaker} />
          <div className="jt-live-scoring">评分完成，监督员确认后公布</div>
        </>
      );
    case 'result': {
      const upcoming = upcomingOf(snapshot);
      return (
        <>
          {caption('刚刚公布')}
          <ResultBlock result={stage.result} />
          {upcoming && upcoming.entryId !== stage.result.entryId && (
            <div className="jt-live-next">
              下一位：{upcoming.position} 号 {upcoming.speakerName}（{upcoming.unitName}）
            </div>
          )}
        </>
      );
    }
    case 'next':
      return (
        <>
          <div className="jt-live-caption">请下一位选手做准备</div>
          <SpeakerLines speaker={stage.speaker} />
        </>
      );
    case 'idle':
      return <StateLine snapshot={snapshot} />;
  }
}
