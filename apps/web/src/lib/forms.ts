import type { FormInstance } from 'antd';
import { passwordProblem } from '@jiangtai/contracts';
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

/**
 * Password rules shown beside the field, the very rules the server checks again (the shared
 * contracts): length (longer for administrators), letters and digits, no username, not a common one.
 */
export function passwordRules(context: { username?: string; admin?: boolean }) {
  return [
    { required: true, message: '请输入新密码' },
    {
      validator: (_: unknown, value: string | undefined) => {
        const problem = value ? passwordProblem(value, context) : null;
        return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
      },
    },
  ];
}
