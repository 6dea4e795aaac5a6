import { useCallback, useEffect, useRef, useState } from 'react';
import * as tus from 'tus-js-client';
import type { EntryMaterialKind, MaterialUploadResult } from '@jiangtai/contracts';
import { useCurrentMe } from '../../lib/me.ts';

/**
 * A resumable upload of one entry material with tus-js-client: progress with speed and time left,
 * pause/resume, automatic retries on a dropped connection, and resume after a browser reload (the
 * upload URL is kept in localStorage under a fingerprint of entry, slot and file, so choosing the
 * same file again continues where it stopped).
 */

export type UploadPhase = 'idle' | 'uploading' | 'paused' | 'checking' | 'done' | 'error';

export interface UploadState {
  phase: UploadPhase;
  fileName: string | null;
  sent: number;
  total: number;
  /** Bytes per second over the last few seconds. */
  speed: number | null;
  /** Seconds left at the current speed. */
  secondsLeft: number | null;
  error: string | null;
  result: MaterialUploadResult | null;
  /** A previous upload of the same file was found and is being continued. */
  resumed: boolean;
}

const initial: UploadState = {
  phase: 'idle',
  fileName: null,
  sent: 0,
  total: 0,
  speed: null,
  secondsLeft: null,
  error: null,
  result: null,
  resumed: false,
};

const fingerprintPrefix = (entryId: string, material: EntryMaterialKind) =>
  `jt-entry-${entryId}-${material}-`;

/** An unfinished upload of this slot left in this browser (e.g. before a reload), if any. */
export function unfinishedUpload(entryId: string, material: EntryMaterialKind): { name: string } | null {
  try {
    const prefix = `tus::${fingerprintPrefix(entryId, material)}`;
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(prefix)) continue;
      const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as { metadata?: { filename?: string } };
      return { name: stored.metadata?.filename ?? '未完成的文件' };
    }
  } catch {
    /* storage unavailable (private mode): nothing to resume */
  }
  return null;
}

/** The Chinese message of a tus failure: the server's problem+json detail when there is one. */
function messageOf(error: Error): string {
  const res = (error as tus.DetailedError).originalResponse;
  if (res) {
    try {
      const body = JSON.parse(res.getBody()) as { detail?: string };
      if (body.detail) return body.detail;
    } catch {
      /* not JSON */
    }
    const status = res.getStatus();
    if (status === 413) return '文件太大，超过了允许的大小';
    if (status === 401) return '登录已过期，请重新登录后继续上传';
  }
  return '网络中断，上传暂停；请检查网络后点击“继续”';
}

export function useTusUpload(
  entryId: string,
  material: EntryMaterialKind,
  onDone: (r: MaterialUploadResult) => void,
) {
  const me = useCurrentMe();
  const [state, setState] = useState<UploadState>(initial);
  const uploadRef = useRef<tus.Upload | null>(null);
  const samples = useRef<{ t: number; bytes: number }[]>([]);
  const doneRef = useRef(onDone);
  useEffect(() => {
    doneRef.current = onDone;
  }, [onDone]);

  useEffect(() => () => void uploadRef.current?.abort(), []);

  const start = useCallback(
    (file: File) => {
      samples.current = [];
      setState({ ...initial, phase: 'uploading', fileName: file.name, total: file.size });
      const upload = new tus.Upload(file, {
        endpoint: '/api/uploads',
        chunkSize: 16 * 1024 * 1024,
        retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
        headers: { 'x-csrf-token': me.csrfToken },
        metadata: { purpose: 'entry-material', entryId, material, filename: file.name, filetype: file.type },
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        fingerprint: async (f) =>
          `${fingerprintPrefix(entryId, material)}${(f as File).name}-${(f as File).size}-${(f as File).lastModified}`,
        // Refusals (403/409/413/415/422) are final: retrying would not change the answer.
        onShouldRetry: (err) => {
          const status = (err as tus.DetailedError).originalResponse?.getStatus() ?? 0;
          return status === 0 || status >= 500 || status === 423 || status === 429;
        },
        onProgress: (sent, total) => {
          const now = performance.now();
          samples.current = [...samples.current.filter((s) => now - s.t < 5000), { t: now, bytes: sent }];
          const first = samples.current[0]!;
          const elapsed = (now - first.t) / 1000;
          const speed = elapsed > 0.5 ? (sent - first.bytes) / elapsed : null;
          setState((s) => ({
            ...s,
            sent,
            total,
            phase: sent >= total ? 'checking' : s.phase === 'paused' ? 'paused' : 'uploading',
            speed,
            secondsLeft: speed && speed > 0 ? (total - sent) / speed : null,
          }));
        },
        onSuccess: (payload) => {
          let result: MaterialUploadResult | null = null;
          try {
            result = JSON.parse(payload.lastResponse.getBody()) as MaterialUploadResult;
          } catch {
            result = null;
          }
          setState((s) => ({ ...s, phase: 'done', result, sent: s.total }));
          if (result) doneRef.current(result);
        },
        onError: (error) => setState((s) => ({ ...s, phase: 'error', error: messageOf(error) })),
      });
      uploadRef.current = upload;
      void upload.findPreviousUploads().then((previous) => {
        const last = previous[0];
        if (last) {
          upload.resumeFromPreviousUpload(last);
          setState((s) => ({ ...s, resumed: true }));
        }
        upload.start();
      });
    },
    [entryId, material, me.csrfToken],
  );

  const pause = useCallback(() => {
    void uploadRef.current?.abort();
    setState((s) => ({ ...s, phase: 'paused', speed: null, secondsLeft: null }));
  }, []);

  const resume = useCallback(() => {
    samples.current = [];
    setState((s) => ({ ...s, phase: 'uploading', error: null }));
    uploadRef.current?.start();
  }, []);

  const reset = useCallback(() => {
    void uploadRef.current?.abort(true);
    uploadRef.current = null;
    setState(initial);
  }, []);

  return { state, start, pause, resume, reset };
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export function formatLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '估算中…';
  const s = Math.ceil(seconds);
  if (s < 60) return `约 ${s} 秒`;
  const m = Math.floor(s / 60);
  if (m < 60) return `约 ${m} 分 ${s % 60} 秒`;
  return `约 ${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}
