import type { FormInstance } from 'antd';
import { ApiError, type FieldIssue } from './api.ts';

/** "stages.2.endsOn" → ['stages', 2, 'endsOn'] — the antd name path of the field (Form.List indices are numbers). */
export function issuePath(path: string): (string | number)[] {
  return path
    .split('.')
    .filter((seg) => seg !== '')
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/**
 * Puts the server's field issues beside their fields. Returns the issues that matched no known field
 * (when `knownTopLevel` is given), so the caller can show them in a summary.
 */
export function applyIssues(
  form: FormInstance,
  err: unknown,
  knownTopLevel?: readonly string[],
): FieldIssue[] {
  if (!(err instanceof ApiError) || err.issues.length === 0) return [];
  const byPath = new Map<string, string[]>();
  const unmatched: FieldIssue[] = [];
  for (const issue of err.issues) {
    const top = issue.path.split('.')[0] ?? '';
    if (!issue.path || (knownTopLevel && !knownTopLevel.includes(top))) {
      unmatched.push(issue);
      continue;
    }
    byPath.set(issue.path, [...(byPath.get(issue.path) ?? []), issue.message]);
  }
  form.setFields([...byPath].map(([path, errors]) => ({ name: issuePath(path), errors })));
  return unmatched;
}

/** Password rules shown beside the field (the server checks them again). */
export const passwordRules = [
  { required: true, message: '请输入新密码' },
  { min: 8, message: '密码至少 8 位' },
  { max: 128, message: '密码不能超过 128 位' },
  {
    validator: (_: unknown, value: string | undefined) =>
      !value || (/[A-Za-z]/.test(value) && /\d/.test(value))
        ? Promise.resolve()
        : Promise.reject(new Error('密码须同时包含字母和数字')),
  },
];
