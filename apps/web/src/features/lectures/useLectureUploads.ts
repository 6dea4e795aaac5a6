import { useCallback, useEffect, useRef, useState } from 'react';
import * as tus from 'tus-js-client';
import {
  HEIC_REFUSAL,
  LECTURE_FILE_MAX_MB,
  lectureFileKindLabels,
  looksLikeHeic,
  type LectureFileKind,
  type LectureFileView,
} from '@jiangtai/contracts';
import { useCurrentMe } from '../../lib/me.ts';

/** One file on the form: being sent (with progress), refused, or on the server (`file`). */
export interface UploadItem {
  key: string;
  kind: LectureFileKind;
  name: string;
  size: number;
  sent: number;
  phase: 'uploading' | 'done' | 'error';
  error: string | null;
  file: LectureFileView | null;
}

function refusalOf(error: Error): string {
  const res = (error as tus.DetailedError).originalResponse;
  if (res) {
    try {
      const body = JSON.parse(res.getBody()) as { detail?: string };
      if (body.detail) return body.detail;
    } catch {
      /* not JSON */
    }
    if (res.getStatus() === 401) return '登录已过期，请重新登录后再上传';
  }
  return '网络中断，上传失败；请检查网络后重新选择这个文件';
}

const sizeMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What the browser can tell before sending a byte (the server checks the same again). */
export function precheck(kind: LectureFileKind, file: File): string | null {
  if (kind === 'photo' && looksLikeHeic(file.name, file.type)) return HEIC_REFUSAL;
  const limit = LECTURE_FILE_MAX_MB[kind];
  if (file.size > limit * 1024 * 1024)
    return `${lectureFileKindLabels[kind]}「${file.name}」大小 ${sizeMb(file.size)}，超过上限 ${limit} MB，请压缩或裁剪后再上传`;
  return null;
}

/**
 * The record's photos, video and manuscript, each sent with tus as soon as it is chosen (several at
 * once, progress per file, retried on a dropped connection). `initial` are the files already saved
 * (a draft, or the record being edited).
 */
export function useLectureUploads(orgId: string | null, initial: LectureFileView[]) {
  const me = useCurrentMe();
  const [items, setItems] = useState<UploadItem[]>(() =>
    initial.map((f) => ({
      key: `saved-${f.id}`,
      kind: f.kind,
      name: f.name,
      size: f.sizeBytes,
      sent: f.sizeBytes,
      phase: 'done' as const,
      error: null,
      file: f,
    })),
  );
  const uploads = useRef(new Map<string, tus.Upload>());
  useEffect(() => {
    const running = uploads.current;
    return () => running.forEach((u) => void u.abort());
  }, []);

  const patch = (key: string, change: Partial<UploadItem>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const add = useCallback(
    (kind: LectureFileKind, files: File[]) => {
      if (!orgId) return;
      for (const file of files) {
        const key = `${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
        const refused = precheck(kind, file);
        const item: UploadItem = {
          key,
          kind,
          name: file.name,
          size: file.size,
          sent: 0,
          phase: refused ? 'error' : 'uploading',
          error: refused,
          file: null,
        };
        setItems((all) => [...all, item]);
        if (refused) continue;
        const upload = new tus.Upload(file, {
          endpoint: '/api/uploads',
          chunkSize: 4 * 1024 * 1024,
          retryDelays: [0, 1000, 3000, 5000, 10000],
          headers: { 'x-csrf-token': me.csrfToken },
          metadata: { purpose: 'lecture-file', orgId, kind, filename: file.name, filetype: file.type },
          storeFingerprintForResuming: false,
          onShouldRetry: (err) => {
            const status = (err as tus.DetailedError).originalResponse?.getStatus() ?? 0;
            return status === 0 || status >= 500 || status === 423 || status === 429;
          },
          onProgress: (sent) => patch(key, { sent }),
          onSuccess: (payload) => {
            try {
              const view = JSON.parse(payload.lastResponse.getBody()) as LectureFileView;
              patch(key, { phase: 'done', sent: file.size, file: view });
            } catch {
              patch(key, { phase: 'error', error: '上传完成，但服务器的回答无法读取，请重新选择这个文件' });
            }
            uploads.current.delete(key);
          },
          onError: (error) => {
            patch(key, { phase: 'error', error: refusalOf(error) });
            uploads.current.delete(key);
          },
        });
        uploads.current.set(key, upload);
        upload.start();
      }
    },
    [orgId, me.csrfToken],
  );

  const remove = useCallback((key: string) => {
    void uploads.current.get(key)?.abort(true);
    uploads.current.delete(key);
    setItems((all) => all.filter((i) => i.key !== key));
  }, []);

  const busy = items.some((i) => i.phase === 'uploading');
  const saved = items.flatMap((i) => (i.file ? [i.file] : []));
  return { items, add, remove, busy, saved };
}
