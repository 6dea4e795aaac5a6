import { z } from 'zod';

// C0 control characters and DEL. PostgreSQL cannot store NUL in text at all (a 500 before this
// schema existed), and the others are invisible in every list and export, so free text refuses them.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SINGLE_LINE = /^[^\u0000-\u001F\u007F]*$/;
// Multi-line text (outlines, reasons, comments) keeps tab and line breaks.
// eslint-disable-next-line no-control-regex -- as above
const MULTI_LINE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

export const CONTROL_CHAR_MESSAGE = '不能包含换行、制表符等控制字符';
export const MULTILINE_CONTROL_CHAR_MESSAGE = '不能包含不可见的控制字符';

type StringParams = Parameters<typeof z.string>[0];

/**
 * Free text typed by a person, for every request schema (bodies and query strings): trimmed, and
 * refusing control characters with a 400 instead of reaching the database. Chain `.min()`/`.max()`
 * as on `z.string()`.
 */
export function text(params?: StringParams, options: { multiline?: boolean } = {}) {
  return z
    .string(params)
    .trim()
    .regex(
      options.multiline ? MULTI_LINE : SINGLE_LINE,
      options.multiline ? MULTILINE_CONTROL_CHAR_MESSAGE : CONTROL_CHAR_MESSAGE,
    );
}

/** Multi-line free text (tab, CR and LF allowed). */
export const multilineText = (params?: StringParams) => text(params, { multiline: true });
