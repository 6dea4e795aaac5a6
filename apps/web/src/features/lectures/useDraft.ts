import { useCallback, useMemo } from 'react';
import type { LectureFileView } from '@jiangtai/contracts';

/** What the open form keeps in this browser, so a reload or a dropped connection loses nothing. */
export interface LectureDraft<V> {
  values: Partial<V>;
  files: LectureFileView[];
  /** Made once per new record: a submit retried after a dropped connection saves once. */
  clientKey: string;
  savedAt: number;
}

export const newClientKey = () => {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

/** The draft stored under `key` (localStorage; nothing when storage is unavailable). */
export function useDraft<V>(key: string) {
  const initial = useMemo((): LectureDraft<V> | null => {
    try {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as LectureDraft<V>) : null;
    } catch {
      return null;
    }
  }, [key]);
  const save = useCallback(
    (draft: Omit<LectureDraft<V>, 'savedAt'>) => {
      try {
        localStorage.setItem(key, JSON.stringify({ ...draft, savedAt: Date.now() }));
      } catch {
        /* storage full or private mode: the form still holds the values */
      }
    },
    [key],
  );
  const clear = useCallback(() => {
    try {
      localStorage.removeItem(key);
    } catch {
      /* nothing stored */
    }
  }, [key]);
  return { initial, save, clear };
}
