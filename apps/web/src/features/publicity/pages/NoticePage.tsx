import { Alert, App, Button, Card, Flex, Form, List, Select, Tag, Typography } from 'antd';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { ObjectionFields } from '../../../components/ObjectionFields.tsx';
import { ArrowLeftOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { ApiError, errorText } from '../../../lib/api.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useMeIfSignedIn } from '../../../lib/me.ts';
import {
  useLodgeObjection,
  useMyObjections,
  useNotice,
  type Notice,
  type NoticeEntry,
  type ObjectionCreate,
  type ObjectionOutcome,
} from '../api.ts';

const OUTCOME_COLOR: Record<ObjectionOutcome, string> = { upheld: 'orange', dismissed: 'default' };

function ObjectionForm({ notice }: { notice: Notice }) {
  const { data: me } = useMeIfSignedIn();
  const [form] = Form.useForm<ObjectionCreate>();
  const { message } = App.useApp();
  const lodge = useLodgeObjection(notice.code);
  return (
    <Card size="small" title="提出异议">
      <Form<ObjectionCreate>
        form={form}
        layout="vertical"
        initialValues={{ contactName: me?.displayName ?? '' }}
        onFinish={(values) =>
          lodge.mutate(
            {
              entryCode: values.entryCode || undefined,
              content: values.content.trim(),
              contactName: values.contactName.trim(),
              contactPhone: values.contactPhone.trim(),
            },
            {
              onSuccess: (out) => {
                void message.success(out.message);
                form.resetFields();
              },
              onError: (e) => {
                const unmatched = applyIssues(form, e, [
                  'entryCode',
                  'content',
                  'contactName',
                  'contactPhone',
                ]);
                if (!(e instanceof ApiError && e.issues.length) || unmatched.length)
                  void message.error(errorText(e));
              },
            },
          )
        }
      >
        <Form.Item name="entryCode" label="涉及作品">
          <Select
            allowClear
            placeholder="可不选（不针对具体作品）"
            options={notice.items.map((x) => ({
              value: x.ref,
              label: `${x.rank ?? '—'}. ${x.title}（${x.speakerName}）`,
            }))}
          />
        </Form.Item>
        <ObjectionFields contentPlaceholder="请写明异议的事实和理由" />
        <Button type="primary" htmlType="submit" size="large" loading={lodge.isPending} block>
          提交异议
        </Button>
      </Form>
    </Card>
  );
}

function MyObjections({ code }: { code: string }) {
  const { data, error, isPending, refetch } = useMyObjections(code, true);
  return (
    <Card size="small" title="我提出的异议">
      {isPending ? (
        <BlockLoading rows={2} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data.items.length ? (
        <EmptyState text="您没有对本次公示提出异议" />
      ) : (
        <List
          dataSource={data.items}
          renderItem={(o) => (
            <List.Item key={o.id}>
              <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                <Flex gap={8} wrap="wrap" align="center">
                  <Tag
                    color={o.outcome ? OUTCOME_COLOR[o.outcome] : 'processing'}
                    style={{ marginInlineEnd: 0 }}
                  >
                    {o.outcomeLabel}
                  </Tag>
                  <Typography.Text type="secondary">{formatDateTime(o.lodgedAt)}</Typography.Text>
                  {o.entryTitle && <Typography.Text>涉及作品：{o.entryTitle}</Typography.Text>}
                </Flex>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {o.content}
                </Typography.Paragraph>
                {o.answer && (
                  <Typography.Paragraph
                    type="secondary"
                    style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                  >
                    答复：{o.answer}
                    {o.answeredAt ? `（${formatDateTime(o.answeredAt)}）` : ''}
                  </Typography.Paragraph>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** One 公示: the advancement list, the seal once final, and objections while the period is open. */
export default function NoticePage() {
  const { code = '' } = useParams();
  const { data: me } = useMeIfSignedIn();
  const { data: notice, error, isPending, refetch } = useNotice(code);
  const back = (
    <Link to="/publicity" style={{ display: 'inline-block', marginBottom: 8, padding: '4px 0' }}>
      <ArrowLeftOutlined /> 公示栏
    </Link>
  );
  if (isPending) return <BlockLoading />;
  if (error)
    return (
      <>
        {back}
        <ErrorState error={error} onRetry={() => void refetch()} />
      </>
    );
  return (
    <>
      {back}
      <PageHeader
        title={`${notice.campaignTitle} ${notice.stageName}晋级名单公示`}
        sub={[
          notice.roundName,
          notice.scopeOrgName,
          notice.publishedAt ? `发布于 ${formatDateTime(notice.publishedAt)}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      />
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>
          公示期为 {notice.noticeWorkingDays} 个工作日（至 {formatDate(notice.noticeEndsOn)}
          ）。如有异议，请在公示期内实名提出{me ? '' : '（无需登录，请留下姓名和联系电话以便核实答复）'}。
        </Typography.Paragraph>
        <ResponsiveTable<NoticeEntry>
          aria-label="公示名单"
          rowKey="ref"
          size="small"
          pagination={false}
          dataSource={notice.items}
          locale={{ emptyText: '名单为空' }}
          columns={[
            {
              title: '名次',
              dataIndex: 'rank',
              width: 52,
              card: 'extra',
              render: (v: number | null) => (v ? `第 ${v} 名` : '—'),
            },
            { title: '宣讲人', dataIndex: 'speakerName', width: 72, card: 'title' },
            { title: '单位', dataIndex: 'unitName' },
            { title: '作品标题', dataIndex: 'title' },
            {
              title: '得分',
              dataIndex: 'score',
              align: 'right',
              width: 64,
              render: (v: string | null) => v ?? '—',
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12, wordBreak: 'break-all' }}>
          评分记录校验码（共 {notice.chainRecords} 条记录的链头哈希）：
          <Typography.Text
            code
            copyable={{ text: notice.chainHead, tooltips: ['复制校验码', '已复制'] }}
            data-testid="chain-head"
          >
            {notice.chainHead}
          </Typography.Text>
          。可与监督员签字的评分表上所印的链头哈希比对：两者相同，说明公示名单出自签字时的那份评分记录。
        </Typography.Paragraph>
        {notice.final ? (
          <Alert
            type="success"
            showIcon
            icon={<SafetyCertificateOutlined />}
            title="结果已封存"
            description={
              <Flex vertical gap={4}>
                <span>封存时间：{formatDateTime(notice.sealedAt)}</span>
                {notice.sealHash && (
                  <span>
                    校验码（SHA-256）：
                    <Typography.Text
                      code
                      copyable={{ text: notice.sealHash, tooltips: ['复制校验码', '已复制'] }}
                      style={{ wordBreak: 'break-all' }}
                      data-testid="seal-hash"
                    >
                      {notice.sealHash}
                    </Typography.Text>
                  </span>
                )}
              </Flex>
            }
          />
        ) : (
          !notice.objectionsOpen && <Alert type="info" showIcon title="公示期已结束，结果待组织者封存" />
        )}
        {notice.objectionsOpen && <ObjectionForm notice={notice} />}
        {me && <MyObjections code={notice.code} />}
      </Flex>
    </>
  );
}
