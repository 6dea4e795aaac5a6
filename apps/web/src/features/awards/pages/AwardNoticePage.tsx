import { Alert, App, Button, Card, Flex, Form, List, Table, Tag, Typography } from 'antd';
import { Link, useLocation, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ObjectionFields } from '../../../components/ObjectionFields.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useMeIfSignedIn } from '../../../lib/me.ts';
import { useAwardNotice, useLodgeAwardObjection, useMyAwardObjections, type AwardNotice } from '../api.ts';

interface ObjectionValues {
  content: string;
  contactName: string;
  contactPhone: string;
}

/** An objection during the notice period, from a signed-in user. */
function ObjectionForm({ code, name }: { code: string; name: string }) {
  const [form] = Form.useForm<ObjectionValues>();
  const { message } = App.useApp();
  const lodge = useLodgeAwardObjection(code);
  return (
    <Card size="small" title="提出异议">
      <Form<ObjectionValues>
        form={form}
        layout="vertical"
        initialValues={{ contactName: name }}
        onFinish={(v) =>
          lodge.mutate(
            {
              content: v.content.trim(),
              contactName: v.contactName.trim(),
              contactPhone: v.contactPhone.trim(),
            },
            {
              onSuccess: (out) => {
                void message.success(out.message);
                form.resetFields();
              },
              onError: (e) => {
                const unmatched = applyIssues(form, e, ['content', 'contactName', 'contactPhone']);
                if (!(e instanceof ApiError && e.issues.length) || unmatched.length)
                  void message.error(errorText(e));
              },
            },
          )
        }
      >
        <ObjectionFields
          contentPlaceholder="请写明涉及的获奖者或单位、异议的事实和理由"
          phoneLabel="联系电话（仅组织者可见）"
        />
        <Button type="primary" htmlType="submit" size="large" loading={lodge.isPending} block>
          提交异议
        </Button>
      </Form>
    </Card>
  );
}

function MyObjections({ code }: { code: string }) {
  const { data } = useMyAwardObjections(code, true);
  if (!data?.items.length) return null;
  return (
    <Card size="small" title="我提出的异议">
      <List
        dataSource={data.items}
        renderItem={(o) => (
          <List.Item key={o.id}>
            <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
              <Flex gap={8} wrap="wrap" align="center">
                <Tag color={o.outcome ? 'default' : 'processing'}>{o.outcomeLabel}</Tag>
                <Typography.Text type="secondary">{formatDateTime(o.lodgedAt)}</Typography.Text>
              </Flex>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {o.content}
              </Typography.Paragraph>
              {o.answer && (
                <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  答复：{o.answer}
                </Typography.Paragraph>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

type Person = AwardNotice['persons'][number];
type Unit = AwardNotice['units'][number];

/** /awards/notice/:code — the 表彰名单's 公示, for anyone (no login): winners and awarded units. */
export default function AwardNoticePage() {
  const { code = '' } = useParams();
  const { data: n, error, isPending, refetch } = useAwardNotice(code);
  const { data: me } = useMeIfSignedIn();
  const location = useLocation();
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
            公示期为 {n.noticeWorkingDays} 个工作日（至 {formatDate(n.noticeEndsOn)}）。
            {n.objectionsOpen ? '如有异议，请在公示期内登录后实名提出。' : '公示期已结束，名单待定稿。'}
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
        {n.objectionsOpen &&
          (me ? (
            <ObjectionForm code={n.code} name={me.displayName} />
          ) : (
            <Alert
              type="info"
              showIcon
              title={
                <>
                  提出异议需要登录：
                  <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>登录</Link>
                </>
              }
            />
          ))}
        {me && <MyObjections code={n.code} />}
      </Flex>
    </>
  );
}
