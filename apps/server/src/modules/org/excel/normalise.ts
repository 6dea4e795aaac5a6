import type { MemberColumn, OrgColumn } from './layout.ts';

/**
 * Cell clean-up the import does before validating, so that what a person typed in a Chinese input
 * method (全角 digits, 全角 spaces and dashes) or a phone number written 138-0000-0001 is taken as
 * meant. Every change is reported back to the uploader (row, column, before → after).
 */

/** Full-width ASCII (Ｕ+FF01–FF5E) → ASCII; the ideographic space → a space. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Hyphens and dashes people put in numbers (ASCII, Unicode hyphens, en/em dash, minus signs). */
const DASHES = /[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** 138 0000 0001, 138-0000-0001, +86 13800000001, １３８０００００００１ → 13800000001. */
export function normalisePhone(cell: string): string {
  const digits = toHalfWidth(cell).replace(/\s+/g, '').replace(DASHES, '');
  return /^(\+?86)1\d{10}$/.test(digits) ? digits.replace(/^\+?86/, '') : digits;
}

/** Whole numbers (排序): half-width digits, no spaces. */
export const normaliseInteger = (cell: string) => toHalfWidth(cell).replace(/\s+/g, '');

/** Dates typed as text (２０１０年７月１日): half-width digits; the date parser does the rest. */
export const normaliseDateText = (cell: string) => toHalfWidth(cell).trim();

type Normaliser = (cell: string) => string;

/**
 * Only numeric fields. Org codes are left as written: the org form accepts full-width characters
 * in a code, so 「ＥＤＵ」 may be a real code, and rewriting it would match a different org (or none).
 */
export const ORG_NORMALISERS: Partial<Record<OrgColumn, Normaliser>> = {
  sortOrder: normaliseInteger,
};

export const MEMBER_NORMALISERS: Partial<Record<MemberColumn, Normaliser>> = {
  phone: normalisePhone,
  joinedOn: normaliseDateText,
};

/** A header cell as the import compares it: half-width, no spaces, no required-mark asterisk. */
export const headerKey = (cell: string) => toHalfWidth(cell).replace(/\s+/g, '').replace(/[*]$/, '');

/** Phones as the export masks them (139****5678): say so instead of 「格式不正确」. */
export const isMaskedPhone = (cell: string) => /^\d{3}\*{4}\d{4}$/.test(cell);
