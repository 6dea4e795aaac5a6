import { useEffect, useRef } from 'react';
import { Alert, Button, Flex, Progress, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError, errorText } from '../../../lib/api.ts';
import { useMediaAsset, useRetryJob } from '../api.ts';

/** hls.js only where the browser cannot play HLS itself (Safari and iOS can). Also used by the judging pages. */
export function HlsVideo({ src, poster }: { src: string; poster: string | null }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = src;
      return;
    }
    let destroyed = false;
    let hls: { destroy(): void } | null = null;
    void import('hls.js').then(({ default: Hls }) => {
      if (destroyed || !Hls.isSupported()) return;
      // Adaptive rendition choice is hls.js's default (ABR on measured bandwidth).
      const instance = new Hls(); // same origin: the session cookie goes along
      instance.loadSource(src);
      instance.attachMedia(video);
      hls = instance;
    });
    return () => {
      destroyed = true;
      hls?.destroy();
    };
  }, [src]);
  return (
    <video
      ref={ref}
      controls
      playsInline
      preload="metadata"
      poster={poster ?? undefined}
      data-testid="entry-video"
      style={{ width: '100%', maxHeight: 480, background: '#000', borderRadius: 6 }}
    />
  );
}

/** Playback once transcoded; until then the processing state with %, and a retry for a failed job. */
export function VideoPlayer({ fileId, canRetry }: { fileId: string; canRetry: boolean }) {
  const { data, error, refetch } = useMediaAsset(fileId);
  const retry = useRetryJob(fileId);
  if (error) {
    // No asset yet: the transcoding job has not started.
    if (error instanceof ApiError && error.status === 404)
      return <Typography.Text type="secondary">视频排队等待处理，处理完成后可在此播放。</Typography.Text>;
    return (
      <Alert
        type="warning"
        showIcon
        title="无法获取视频状态"
        description={errorText(error)}
        action={
          <Button size="small" onClick={() => void refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!data) return null;
  if (data.status === 'ready' && data.masterUrl)
    return <HlsVideo src={data.masterUrl} poster={data.posterUrl} />;
  if (data.status === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        title="视频处理失败"
        description={data.error ?? '请重试；如果一直失败，请重新导出视频后上传'}
        action={
          canRetry && data.jobId ? (
            <Button
              size="small"
              icon={<ReloadOutlined />}
              loading={retry.isPending}
              onClick={() => retry.mutate(data.jobId!)}
            >
              重试
            </Button>
          ) : undefined
        }
      />
    );
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">
        {data.statusLabel}：视频正在转换为适合网页播放的格式，完成后可在此播放。
      </Typography.Text>
      <Progress percent={Math.round(data.progress)} size="small" status="active" />
      {data.error && <Typography.Text type="warning">{data.error}</Typography.Text>}
      {retry.error && <Typography.Text type="danger">{errorText(retry.error)}</Typography.Text>}
    </Flex>
  );
}
