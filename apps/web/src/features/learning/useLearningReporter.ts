import { useCallback, useEffect, useRef, useState } from 'react';
import {
  LEARNING_RULE,
  MAX_LEARNING_RATE,
  type LearningProgressView,
  type LearningReportResult,
  type LearningSessionStarted,
} from '@jiangtai/contracts';
import { api, ApiError, errorText } from '../../lib/api.ts';

/** How often the played intervals are sent while watching. */
const FLUSH_MS = 10_000;
/** A jump of currentTime larger than this between two timeupdates is a seek, not playback. */
const MAX_STEP_SECONDS = 2;

export interface LearningReporterState {
  watchedSeconds: number;
  durationSeconds: number;
  percent: number;
  completed: boolean;
  /** Where the member left off last time (the player may seek there). */
  resumeSeconds: number;
  /** The counting rule in one sentence. */
  rule: string;
  /** Why playback is not counting now (muted, too fast) or why reporting stopped (another page). */
  message: string | null;
  /** True once another page took over: this page no longer reports. */
  superseded: boolean;
  ready: boolean;
}

interface Shown {
  lectureId: string;
  sessionId: string | null;
  progress: LearningProgressView | null;
  message: string | null;
  superseded: boolean;
}
const BLANK: Omit<Shown, 'lectureId'> = { sessionId: null, progress: null, message: null, superseded: false };

/** Why the video's playback would not count right now, or null when it counts. */
function notCounting(video: HTMLVideoElement): string | null {
  if (video.muted || video.volume === 0) return '静音播放不计入学习时长';
  if (video.playbackRate > MAX_LEARNING_RATE) return `倍速超过${MAX_LEARNING_RATE}倍的播放不计入学习时长`;
  if (document.visibilityState !== 'visible') return '页面不在前台时的播放不计入学习时长';
  return null;
}

/**
 * Honest learning for one lecture's player: opens a session (the newest page of an account is the one
 * that counts), collects the intervals actually played while the page is visible, the sound on and the
 * rate at most 1.5× — a seek closes the interval, so jumping ahead counts nothing — and sends them every
 * ~10 s and when the page is hidden or closed (fetch keepalive). The server merges and checks them
 * against the time that passed; this hook shows what it answers.
 */
export function useLearningReporter(
  video: HTMLVideoElement | null,
  lectureId: string,
): LearningReporterState {
  // Everything shown is kept with the lecture it belongs to, so a new lecture starts blank without
  // resetting state inside an effect.
  const [shown, setShown] = useState<Shown>({
    lectureId: '',
    sessionId: null,
    progress: null,
    message: null,
    superseded: false,
  });
  const current = shown.lectureId === lectureId ? shown : { ...BLANK, lectureId };
  const session = current.sessionId;
  const pending = useRef<[number, number][]>([]);
  const segment = useRef<{ from: number; to: number } | null>(null);
  const rate = useRef(1);
  const stopped = useRef(false);
  /** The local reason shown for not counting, cleared once playback counts again. */
  const localReason = useRef<string | null>(null);
  const show = useCallback(
    (patch: Partial<Shown>) =>
      setShown((prev) => ({ ...(prev.lectureId === lectureId ? prev : { ...BLANK, lectureId }), ...patch })),
    [lectureId],
  );

  useEffect(() => {
    let live = true;
    stopped.current = false;
    pending.current = [];
    segment.current = null;
    api<LearningSessionStarted>(`/api/learning/lectures/${lectureId}/sessions`, { method: 'POST' })
      .then((s) => live && show({ sessionId: s.sessionId, progress: s.progress }))
      .catch((err: unknown) => live && show({ message: `学习进度无法记录：${errorText(err)}` }));
    return () => {
      live = false;
    };
  }, [lectureId, show]);

  const closeSegment = useCallback(() => {
    const s = segment.current;
    if (s && s.to > s.from) pending.current.push([s.from, s.to]);
    segment.current = null;
  }, []);

  const flush = useCallback(
    (keepalive: boolean) => {
      if (!session || stopped.current || !video) return;
      closeSegment();
      const intervals = pending.current;
      if (intervals.length === 0) return;
      pending.current = [];
      const body = {
        intervals,
        rate: rate.current,
        visible: true,
        muted: false,
        position: video.currentTime,
      };
      rate.current = video.playbackRate;
      api<LearningReportResult>(`/api/learning/sessions/${session}/reports`, {
        method: 'POST',
        body,
        keepalive,
      })
        .then((r) => show({ progress: r.progress, message: r.reason }))
        .catch((err: unknown) => {
          const over = err instanceof ApiError && err.status === 409;
          if (over) stopped.current = true;
          show({ message: errorText(err), ...(over ? { superseded: true } : {}) });
        });
    },
    [session, video, closeSegment, show],
  );

  useEffect(() => {
    if (!video || !session) return;
    const onTime = () => {
      const t = video.currentTime;
      const s = segment.current;
      const why = video.paused || video.ended ? 'paused' : notCounting(video);
      if (why === 'paused') return;
      if (why) {
        closeSegment();
        if (localReason.current !== why) show({ message: why });
        localReason.current = why;
        return;
      }
      if (localReason.current) {
        localReason.current = null;
        show({ message: null });
      }
      if (s && t >= s.to && t - s.to <= MAX_STEP_SECONDS * video.playbackRate) {
        s.to = t;
      } else {
        closeSegment();
        segment.current = { from: t, to: t };
      }
      rate.current = Math.max(rate.current, video.playbackRate);
    };
    const onBreak = () => closeSegment();
    const onHide = () => {
      if (document.visibilityState !== 'visible') flush(true);
      else closeSegment();
    };
    const onPageHide = () => flush(true);
    const events = ['seeking', 'pause', 'ended', 'ratechange', 'volumechange', 'waiting'] as const;
    video.addEventListener('timeupdate', onTime);
    for (const e of events) video.addEventListener(e, onBreak);
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    const timer = window.setInterval(() => flush(false), FLUSH_MS);
    return () => {
      flush(true);
      video.removeEventListener('timeupdate', onTime);
      for (const e of events) video.removeEventListener(e, onBreak);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      window.clearInterval(timer);
    };
  }, [video, session, flush, closeSegment, show]);

  const { progress, message, superseded } = current;
  return {
    watchedSeconds: progress?.watchedSeconds ?? 0,
    durationSeconds: progress?.durationSeconds ?? 0,
    percent: progress?.percent ?? 0,
    completed: progress?.completed ?? false,
    resumeSeconds: progress?.resumeSeconds ?? 0,
    rule: progress?.rule ?? LEARNING_RULE,
    message,
    superseded,
    ready: !!session,
  };
}
