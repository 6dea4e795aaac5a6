import { Alert, Button } from 'antd';
import { describeSettingsPath, type SettingsIssue } from '@jiangtai/contracts';
import { issuePath } from '../../../lib/forms.ts';

/** Every problem of the settings in one list; a click scrolls to the field. */
export function IssueSummary({
  issues,
  detail,
  onJump,
}: {
  issues: SettingsIssue[];
  detail: string | null;
  onJump: (path: (string | number)[]) => void;
}) {
  if (!detail && issues.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="settings-issues"
      style={{ marginBottom: 12 }}
      title={issues.length ? `有 ${issues.length} 处需要修改，未保存` : detail}
      description={
        issues.length > 0 && (
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {issues.map((issue, i) => (
              <li key={`${issue.path}-${i}`}>
                {issue.message}
                {issue.path && (
                  <Button type="link" size="small" onClick={() => onJump(issuePath(issue.path))}>
                    定位到「{describeSettingsPath(issuePath(issue.path))}」
                  </Button>
                )}
              </li>
            ))}
          </ol>
        )
      }
    />
  );
}
