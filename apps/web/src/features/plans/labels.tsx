import { Tag } from 'antd';
import { planFilingStatusLabels, type PlanFilingStatus } from '@jiangtai/contracts';

const colors: Record<PlanFilingStatus, string> = {
  none: 'default',
  draft: 'blue',
  submitted: 'gold',
  returned: 'red',
  accepted: 'green',
};

export function PlanStatusTag({ status }: { status: PlanFilingStatus }) {
  return (
    <Tag color={colors[status]} style={{ marginInlineEnd: 0 }} data-testid="plan-status">
      {planFilingStatusLabels[status]}
    </Tag>
  );
}

export const LateTag = () => (
  <Tag color="error" style={{ marginInlineEnd: 0 }}>
    逾期
  </Tag>
);

/** 2026-08 → 2026年8月 */
export const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
