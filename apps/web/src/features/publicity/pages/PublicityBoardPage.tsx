import { Card, Flex, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDate } from '../../../lib/format.ts';
import { usePublicityBoard, type Notice } from '../api.ts';

function NoticeStateTag({ notice }: { notice: Pick<Notice, 'final'> }) {
  return (
    <Tag color={notice.final ? 'default' : 'red'} style={{ marginInlineEnd: 0 }}>
      {notice.final ? '已封存' : '公示中'}
    </Tag>
  );
}

function NoticeRow({ notice }: { notice: Notice }) {
  return (
    <Link to={`/publicity/${notice.code}`} style={{ display: 'block', color: 'inherit' }}>
      <Card size="small" hoverable>
        <Flex align="center" gap={8}>
          <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 16, overflowWrap: 'anywhere' }}>
              {notice.campaignTitle}
            </Typography.Text>
            <Typography.Text type="secondary">
              {notice.roundName} · {notice.stageName}
              {notice.scopeOrgName ? ` · ${notice.scopeOrgName}` : ''}
            </Typography.Text>
            <Flex gap={8} wrap="wrap" align="center">
              <NoticeStateTag notice={notice} />
              <Typography.Text>公示期至 {formatDate(notice.noticeEndsOn)}</Typography.Text>
              <Typography.Text type="secondary">晋级 {notice.items.length} 件</Typography.Text>
            </Flex>
          </Flex>
          <RightOutlined aria-hidden style={{ color: '#bfbfbf' }} />
        </Flex>
      </Card>
    </Link>
  );
}

/** 公示栏: every published advancement list, newest first as the server sends them. */
export default function PublicityBoardPage() {
  const { data, error, isPending, refetch } = usePublicityBoard();
  return (
    <>
      <PageHeader title="公示" sub="评审结果晋级名单公示，向社会公开；公示期内可实名提出异议" />
      {isPending ? (
        <BlockLoading />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data.items.length ? (
        <EmptyState text="目前没有公示" />
      ) : (
        <Flex vertical gap={8} role="list" aria-label="公示列表">
          {data.items.map((n) => (
            <div role="listitem" key={n.code}>
              <NoticeRow notice={n} />
            </div>
          ))}
        </Flex>
      )}
    </>
  );
}
