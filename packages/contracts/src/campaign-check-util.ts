import type { z } from 'zod';
import type { campaignSettingsObjectSchema } from './campaign-schema.ts';

/** Helpers shared by the cross-field checks of campaign settings. */
export type CheckedSettings = z.infer<typeof campaignSettingsObjectSchema>;
export type SettingsPath = (string | number)[];
/** Receives one problem: where it is (e.g. ['stages', 2, 'endsOn']) and a Chinese message naming the field. */
export type ReportIssue = (path: SettingsPath, message: string) => void;

/** 95 → "95", 0.25 → "0.25" */
export const num = (n: number) => String(Number(n.toFixed(2)));

/** Reports the first index at which each value repeats an earlier one. */
export function duplicates<T>(
  items: readonly T[],
  value: (item: T) => string,
  onDuplicate: (index: number, firstIndex: number) => void,
) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const v = value(item);
    const first = seen.get(v);
    if (first !== undefined) onDuplicate(i, first);
    else seen.set(v, i);
  });
}
