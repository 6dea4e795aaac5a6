import { useEffect, useRef, useState } from 'react';
import { Flex, Segmented, Typography } from 'antd';
import { formatDuration } from '../../../lib/format.ts';

/** Speeds offered; faster than 1.5x is not (a lecture is listened to, not skimmed). */
export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5] as const;
const MAX_RATE = 1.5;
/** Closer than this to either end, a lecture starts from the beginning instead of resuming. */
const RESUME_MARGIN = 5;

const resumeKey = (key: string) => `jt.classroom.position.${key}`;

function savedPosition(key: string): number {
  try {
    const v = Number(localStorage.getItem(resumeKey(key)));
    return Number.isFinite(v) && v > 0 ? v : 0;
  } catch {
    return 0;
  }
}

function savePosition(key: string, seconds: number | null) {
  try {
    if (seconds === null) localStorage.removeItem(resumeKey(key));
    else localStorage.setItem(resumeKey(key), String(Math.floor(seconds)));
  } catch {
    /* private mode: resuming is a convenience */
  }
}

export interface LecturePlayerProps {
  /** The HLS master playlist (the ladder or the remux). */
  src: string;
  poster: string | null;
  /** What the position is remembered under (a lecture id or share code). */
  resumeKey: string;
  /** Gives the <video> element to whoever follows playback (e.g. watched intervals); null on unmount. */
  onVideo?: (el: HTMLVideoElement | null) => void;
  /** Where the viewer stopped on another device (the server's record), used when this browser has none. */
  resumeFrom?: number;
}

/**
 * The classroom's player: adaptive HLS (hls.js where the browser has no HLS of its own; Safari and iOS
 * play it natively), the poster, a speed choice up to 1.5x, and it resumes where the viewer stopped
 * (kept in this browser).
 */
export function LecturePlayer({ src, poster, resumeKey: key, onVideo, resumeFrom = 0 }: LecturePlayerProps) {
  const ref = useRef<HTMLVideoElement>(null);
  const [rate, setRate] = useState<number>(1);
  const [resumedAt, setResumedAt] = useState<number | null>(null);
  // Read when the video's metadata arrives, which may be after the server's answer.
  const remote = useRef(resumeFrom);
  useEffect(() => {
    remote.current = resumeFrom;
  }, [resumeFrom]);

  useEffect(() => {
    onVideo?.(ref.current);
    return () => onVideo?.(null);
  }, [onVideo]);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    let destroyed = false;
    let hls: { destroy(): void } | null = null;
    if (video.canPlayType('application/vnd.apple.mpegurl')) video.src = src;
    else
      void import('hls.js').then(({ default: Hls }) => {
        if (destroyed || !Hls.isSupported()) return;
        // Adaptive rendition choice is hls.js's default (ABR on measured bandwidth).
        const instance = new Hls();
        instance.loadSource(src);
        instance.attachMedia(video);
        hls = instance;
      });

    const onMetadata = () => {
      const at = savedPosition(key) || remote.current;
      // A short clip keeps a tenth of its length as the margin, so it resumes too.
      const margin = Math.min(RESUME_MARGIN, video.duration / 10);
      if (at > margin && at < video.duration - margin) {
        video.currentTime = at;
        setResumedAt(at);
      }
    };
    let lastSaved = 0;
    const onTime = () => {
      if (Math.abs(video.currentTime - lastSaved) < 5) return;
      lastSaved = video.currentTime;
      savePosition(key, video.currentTime);
    };
    const onPause = () => savePosition(key, video.currentTime);
    const onEnded = () => savePosition(key, null);
    // The browser's own controls may offer 2x: keep to the limit.
    const onRate = () => {
      if (video.playbackRate > MAX_RATE) video.playbackRate = MAX_RATE;
      setRate(video.playbackRate);
    };
    video.addEventListener('loadedmetadata', onMetadata);
    video.addEventListener('timeupdate', onTime);
    video.addEventListener('pause', onPause);
    video.addEventListener('ended', onEnded);
    video.addEventListener('ratechange', onRate);
    return () => {
      destroyed = true;
      video.removeEventListener('loadedmetadata', onMetadata);
      video.removeEventListener('timeupdate', onTime);
      video.removeEventListener('pause', onPause);
      video.removeEventListener('ended', onEnded);
      video.removeEventListener('ratechange', onRate);
      hls?.destroy();
    };
  }, [src, key]);

  return (
    <Flex vertical gap={8}>
      <video
        ref={ref}
        controls
        playsInline
        preload="metadata"
        poster={poster ?? undefined}
        data-testid="lecture-video"
        style={{ width: '100%', aspectRatio: '16 / 9', background: '#000', borderRadius: 6 }}
      />
      <Flex wrap align="center" justify="space-between" gap={8}>
        <Segmented
          size="small"
          aria-label="播放速度"
          value={rate}
          options={PLAYBACK_RATES.map((r) => ({ value: r, label: `${r}x` }))}
          onChange={(v) => {
            if (ref.current) ref.current.playbackRate = Number(v);
            setRate(Number(v));
          }}
        />
        {resumedAt !== null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            已从上次看到的 {formatDuration(Math.floor(resumedAt))} 处继续
          </Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}
