import type { ReactNode } from 'react';
import { Alert, Button, Empty, Skeleton, Spin } from 'antd';
import { ApiError, errorText } from '../lib/api.ts';

export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" description="加载中…" />
    </div>
  );
}

export function BlockLoading({ rows = 4 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} />;
}

export function EmptyState({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text}>
      {children}
    </Empty>
  );
}

/** A failed query: the server's message and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const forbidden = error instanceof ApiError && error.status === 403;
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <Alert
      type={forbidden || missing ? 'warning' : 'error'}
      showIcon
      // A 404 also answers for records outside the viewer's scope (the server does not say which).
      title={forbidden ? '没有权限查看' : missing ? '找不到该内容' : '加载失败'}
      description={errorText(error)}
      action={
        onRetry && !forbidden && !missing ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}
