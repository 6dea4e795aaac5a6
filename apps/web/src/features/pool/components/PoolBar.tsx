import { Flex, Progress, Typography } from 'antd';
import { poolProgress } from '@jiangtai/contracts';

/** 「在库 12 / 20 人」 with a progress bar; green once the target is reached, 「未设目标」 without one. */
export function PoolBar({
  active,
  target,
  size = 'default',
}: {
  active: number;
  target: number | null;
  size?: 'default' | 'small';
}) {
  const percent = poolProgress(active, target);
  return (
    <div style={{ minWidth: 0 }}>
      <Flex justify="space-between" gap={8}>
        <Typography.Text type={size === 'small' ? 'secondary' : undefined}>
          在库 {active}
          {target ? ` / ${target}` : ''} 人
        </Typography.Text>
        <Typography.Text strong={size === 'default'}>
          {percent === null ? '未设目标' : `${percent}%`}
        </Typography.Text>
      </Flex>
      <Progress
        percent={percent ?? 0}
        showInfo={false}
        size={size === 'small' ? 'small' : 'default'}
        status={percent === 100 ? 'success' : 'normal'}
        aria-label={`在库 ${active} 人${target ? `，目标 ${target} 人` : ''}`}
      />
    </div>
  );
}
