import { Flex, Progress, Typography } from 'antd';
import { coverageRate, formatCoverageRate, type CoverageFraction } from '@jiangtai/contracts';

/** 「已宣讲 12 / 30 人」 with a progress bar; green once everyone has lectured. */
export function CoverageBar({
  value,
  label,
  size = 'default',
}: {
  value: CoverageFraction;
  label?: string;
  size?: 'default' | 'small';
}) {
  const rate = coverageRate(value);
  return (
    <div style={{ minWidth: 0 }}>
      <Flex justify="space-between" gap={8}>
        <Typography.Text type={size === 'small' ? 'secondary' : undefined}>
          {label ? `${label} ` : ''}
          {value.lectured} / {value.members} 人
        </Typography.Text>
        <Typography.Text strong={size === 'default'}>{formatCoverageRate(value)}</Typography.Text>
      </Flex>
      <Progress
        percent={rate ?? 0}
        showInfo={false}
        size={size === 'small' ? 'small' : 'default'}
        status={rate === 100 ? 'success' : 'normal'}
        aria-label={`${label ?? '覆盖率'} ${formatCoverageRate(value)}`}
      />
    </div>
  );
}
