import { useState } from 'react';
import { App, Badge, Button, Card, Flex, List, Pagination, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { noticeKindLabel, type NoticeItem } from '@jiangtai/contracts';
import { errorText } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../components/states.tsx';
import { useNoticeMutations, useNotices } from './api.ts';

const PAGE_SIZE = 20;

/** 通知: the account's own notices, newest first; opening one marks it read and follows its link. */
export default function NoticesPage() {
  const [page, setPage] = useState(1);
  const { data, error, isPending, refetch } = useNotices(page, PAGE_SIZE);
  const { read, readAll } = useNoticeMutations();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const open = async (n: NoticeItem) => {
    if (!n.read) {
      try {
        await read.mutateAsync(n.id);
      } catch (err) {
        message.error(errorText(err));
      }
    }
    if (n.link) void navigate(n.link);
  };

  return (
    <>
      <PageHeader
        title="通知"
        sub="单位的提醒、计划和记录的审核结果会出现在这里。"
        extra={
          <Button
            disabled={!data || data.unread === 0}
            loading={readAll.isPending}
            onClick={() =>
              readAll.mutate(undefined, { onError: (err) => void message.error(errorText(err)) })
            }
          >
            全部标为已读
          </Button>
        }
      />
      {isPending ? (
        <BlockLoading />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <EmptyState text="暂无通知" />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <List
            aria-label="通知列表"
            dataSource={data.items}
            renderItem={(n) => (
              <List.Item key={n.id} data-testid="notice-item" style={{ padding: 0 }}>
                <div
                  role="button"
                  tabIndex={0}
                  onClick={() => void open(n)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      void open(n);
                    }
                  }}
                  style={{
                    cursor: 'pointer',
                    padding: '12px 16px',
                    width: '100%',
                    background: n.read ? undefined : '#fff7e6',
                  }}
                >
                  <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
                    <Flex gap={8} align="center" wrap>
                      {!n.read && <Badge status="processing" aria-label="未读" />}
                      <Typography.Text strong={!n.read} style={{ flex: 1, minWidth: 0 }}>
                        {n.title}
                      </Typography.Text>
                      <Tag style={{ marginInlineEnd: 0 }}>{noticeKindLabel(n.kind)}</Tag>
                    </Flex>
                    {n.body && (
                      <Typography.Paragraph style={{ margin: 0, overflowWrap: 'anywhere' }}>
                        {n.body}
                      </Typography.Paragraph>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                      {n.senderName ? ` · ${n.senderName}` : ''}
                      {n.link ? ' · 点击查看' : ''}
                    </Typography.Text>
                  </Flex>
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
      {data && data.total > PAGE_SIZE && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Pagination
            current={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            onChange={setPage}
            showSizeChanger={false}
          />
        </Flex>
      )}
    </>
  );
}
