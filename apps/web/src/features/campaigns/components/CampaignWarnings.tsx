import { Alert } from 'antd';
import type { CampaignWarning } from '@jiangtai/contracts';

/** Things to look at before publishing (same name, stale description dates, stages already over). */
export function CampaignWarnings({ warnings }: { warnings: CampaignWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={warnings.length === 1 ? '请留意' : `请留意以下 ${warnings.length} 处`}
      description={
        warnings.length === 1 ? (
          warnings[0]!.message
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {warnings.map((w) => (
              <li key={`${w.code}:${w.path}:${w.message}`}>{w.message}</li>
            ))}
          </ul>
        )
      }
      style={{ marginBottom: 12 }}
    />
  );
}
