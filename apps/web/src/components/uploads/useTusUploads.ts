import { useCallback, useEffect, useRef, useState } from 'react';
import * as tus from 'tus-js-client';
import { useCurrentMe } from '../../lib/me.ts';

/** One file on a form: being sent (with progress), refused, or on the server (`file`, the purpose's answer). */
export interface UploadItem<T, K extends string = string> {
  key: string;
  kind: K;
  name: string;
  size: number;
  sent: number;
  phase: 'uploading' | 'done' | 'error';
  error: string | null;
  file: T | null;
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

export interface TusUploadsOptions<T, K extends string> {
  /** The tus metadata for a file (purpose and its fields); null while the form cannot upload yet. */
  metadata: ((kind: K, file: File) => Record<string, string>) | null;
  /** What the browser can tell before sending a byte (the server checks the same again). */
  precheck: (kind: K, file: File) => string | null;
  /** Files already on the server (a draft, the record being edited). */
  initial?: UploadItem<T, K>[];
}

/**
 * Files sent with tus as soon as they are chosen (several at once, progress per file, retried on a
 * dropped connection); each item ends with the upload purpose's answer or its refusal in words.
 */
export function useTusUploads<T, K extends string>({ metadata, precheck, initial }: TusUploadsOptions<T, K>) {
  const me = useCurrentMe();
  const [items, setItems] = useState<UploadItem<T, K>[]>(() => initial ?? []);
  const uploads = useRef(new Map<string, tus.Upload>());
  useEffect(() => {
    const running = uploads.current;
    return () => running.forEach((u) => void u.abort());
  }, []);

  const patch = useCallback(
    (key: string, change: Partial<UploadItem<T, K>>) =>
      setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i))),
    [],
  );

  const add = useCallback(
    (kind: K, files: File[]) => {
      if (!metadata) return;
      for (const file of files) {
        const key = `${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
        const refused = precheck(kind, file);
        const item: UploadItem<T, K> = {
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
          metadata: { ...metadata(kind, file), filename: file.name, filetype: file.type },
          storeFingerprintForResuming: false,
          onShouldRetry: (err) => {
            const status = (err as tus.DetailedError).originalResponse?.getStatus() ?? 0;
            return status === 0 || status >= 500 || status === 423 || status === 429;
          },
          onProgress: (sent) => patch(key, { sent }),
          onSuccess: (payload) => {
            try {
              const view = JSON.parse(payload.lastResponse.getBody()) as T;
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
    [metadata, precheck, patch, me.csrfToken],
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
