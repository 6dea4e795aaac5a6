import { Alert } from 'antd';
import type { FieldIssue } from '../../../lib/api.ts';

export interface FormProblem {
  text: string;
  /** Server issues that match no field of the form, listed under the message. */
  issues: FieldIssue[];
}

/** What the server refused in a round's settings form, above the form. */
export function ProblemAlert({ problem }: { problem: FormProblem | null }) {
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={problem.text}
      description={
        problem.issues.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {problem.issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>{i.message}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
