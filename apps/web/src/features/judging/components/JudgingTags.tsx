import { Tag } from 'antd';
import type { AssignmentStatus } from '@jiangtai/contracts';

const STATUS_COLOR: Record<AssignmentStatus, string> = {
  open: 'default',
  draft: 'gold',
  submitted: 'green',
  removed: 'default',
};

/** 未评 / 已暂存 / 已提交 */
export function AssignmentStatusTag({ status, label }: { status: AssignmentStatus; label: string }) {
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

/** 盲评 (judges see only the entry code) or 实名. */
export function BlindTag({ blind }: { blind: boolean }) {
  return (
    <Tag color={blind ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
      {blind ? '盲评' : '实名'}
    </Tag>
  );
}
