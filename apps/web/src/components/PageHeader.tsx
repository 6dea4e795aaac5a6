import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** Page title with actions that wrap under it on a phone. */
export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <Flex wrap="wrap" align="center" justify="space-between" gap={8} style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      </div>
      {extra && (
        <Flex wrap="wrap" gap={8}>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
