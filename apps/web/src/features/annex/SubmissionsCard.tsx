import { App, Button, Card, Flex, List, Tag, Typography } from 'antd';
import type { AnnexChildStatus, AnnexSubmissions } from '@jiangtai/contracts';
import { ResponsiveTable, type ResponsiveColumn } from '../../components/ResponsiveTable.tsx';
import { downloadFile, errorText } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { submissionFileUrl, useRemindAnnex } from './api.ts';

/** The org's own submissions and, per child org, 已报送 (when, by whom, the file) or 未报送. */
export function SubmissionsCard(props: {
  campaignId: string;
  orgId: string;
  data: AnnexSubmissions;
  onOpen: (orgId: string) => void;
}) {
  const { message } = App.useApp();
  const remind = useRemindAnnex();
  const { data } = props;
  const download = (id: string) =>
    downloadFile(submissionFileUrl(id), '活动统计表.xlsx').catch(
      (e: unknown) => void message.error(errorText(e)),
    );
  const missing = data.children.filter((c) => !c.latest).length;

  const columns: ResponsiveColumn<AnnexChildStatus>[] = [
    {
      title: '下级单位',
      key: 'org',
      card: 'title',
      render: (_: unknown, c) => (
        <Typography.Link onClick={() => props.onOpen(c.org.id)}>{c.org.name}</Typography.Link>
      ),
    },
    {
      title: '状态',
      key: 'state',
      card: 'extra',
      render: (_: unknown, c) =>
        c.latest ? <Tag color="green">已报送</Tag> : <Tag color="orange">未报送</Tag>,
    },
    {
      title: '报送时间',
      key: 'at',
      render: (_: unknown, c) =>
        c.latest ? `${formatDateTime(c.latest.submittedAt)}（${c.latest.submittedBy}）` : '—',
    },
    {
      title: '统计期间',
      key: 'period',
      render: (_: unknown, c) =>
        c.latest ? `${formatDate(c.latest.period.from)}至${formatDate(c.latest.period.to)}` : '—',
    },
    { title: '报送次数', key: 'count', render: (_: unknown, c) => c.count },
    {
      title: '操作',
      key: 'actions',
      card: 'actions',
      render: (_: unknown, c) =>
        c.latest ? (
          <Button size="small" onClick={() => void download(c.latest!.id)}>
            下载报送的报表
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      {data.children.length > 0 && (
        <Card
          size="small"
          title={`下级报送情况（已报送 ${data.children.length - missing} / ${data.children.length}）`}
          style={{ marginBottom: 16 }}
          extra={
            data.canRemind && missing > 0 ? (
              <Button
                size="small"
                loading={remind.isPending}
                onClick={() =>
                  remind.mutate(
                    { campaignId: props.campaignId, orgId: props.orgId },
                    {
                      onSuccess: (r) =>
                        void message.success(
                          `已提醒 ${r.reminded.length} 个单位` +
                            (r.noAccount.length
                              ? `；${r.noAccount.join('、')}没有单位管理员账号，未能提醒`
                              : ''),
                        ),
                      onError: (e) => void message.error(errorText(e)),
                    },
                  )
                }
              >
                提醒未报送单位
              </Button>
            ) : null
          }
        >
          <ResponsiveTable<AnnexChildStatus>
            aria-label="下级报送情况"
            rowKey={(c) => c.org.id}
            dataSource={data.children}
            columns={columns}
            pagination={false}
          />
        </Card>
      )}
      {data.own.length > 0 && (
        <Card size="small" title="本单位的报送记录">
          <List
            dataSource={data.own}
            renderItem={(s) => (
              <List.Item key={s.id}>
                <Flex wrap="wrap" gap={8} justify="space-between" style={{ width: '100%' }}>
                  <span>
                    {formatDateTime(s.submittedAt)} · {s.submittedBy} · {formatDate(s.period.from)}至
                    {formatDate(s.period.to)}
                    {s.note ? ` · ${s.note}` : ''}
                  </span>
                  <Button size="small" onClick={() => void download(s.id)}>
                    下载
                  </Button>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}
