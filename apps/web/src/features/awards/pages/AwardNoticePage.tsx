import { Alert, Card, Flex, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { useAwardNotice, type AwardNotice } from '../api.ts';

type Person = AwardNotice['persons'][number];
type Unit = AwardNotice['units'][number];

/** /awards/notice/:code — the 表彰名单's 公示, for anyone (no login): winners and awarded units. */
export default function AwardNoticePage() {
  const { code = '' } = useParams();
  const { data: n, error, isPending, refetch } = useAwardNotice(code);
  if (isPending) return <BlockLoading />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <PageHeader
        title={`${n.campaignTitle} ${n.stageName}表彰名单公示`}
        sub={[n.issuer, n.publishedAt ? `发布于 ${formatDateTime(n.publishedAt)}` : null]
          .filter(Boolean)
          .join(' · ')}
      />
      <Flex vertical gap={12}>
        {n.final ? (
          <Alert
            type="success"
            showIcon
            title={`公示期已结束，名单已定稿（${formatDateTime(n.finalisedAt)}）`}
          />
        ) : (
          <Typography.Paragraph style={{ margin: 0 }}>
            公示期为 {n.noticeWorkingDays} 个工作日（至 {formatDate(n.noticeEndsOn)}
            ）。如有异议，请在公示期内向{n.issuer}
            实名反映。
          </Typography.Paragraph>
        )}
        <Card size="small" title="获奖个人">
          <Table<Person>
            aria-label="获奖个人"
            rowKey={(p) => `${p.tier}-${p.name}-${p.unitName}-${p.title ?? ''}`}
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={n.persons}
            locale={{ emptyText: '无' }}
            columns={[
              { title: '奖项', dataIndex: 'tier', render: (v: string) => <Tag color="red">{v}</Tag> },
              { title: '姓名', dataIndex: 'name' },
              { title: '单位', dataIndex: 'unitName' },
              { title: '作品', dataIndex: 'title' },
            ]}
          />
        </Card>
        {n.units.length > 0 && (
          <Card size="small" title="获奖单位">
            <Table<Unit>
              aria-label="获奖单位"
              rowKey={(u) => `${u.tier}-${u.name}`}
              size="small"
              pagination={false}
              dataSource={n.units}
              columns={[
                {
                  title: '奖项',
                  dataIndex: 'tier',
                  width: 120,
                  render: (v: string) => <Tag color="red">{v}</Tag>,
                },
                { title: '单位', dataIndex: 'name' },
              ]}
            />
          </Card>
        )}
      </Flex>
    </>
  );
}
