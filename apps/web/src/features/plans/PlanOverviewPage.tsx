import { useState } from 'react';
import { App, Button, Card, Flex, Select, Switch, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import {
  planFilingStatusLabels,
  type PlanFilingStatus,
  type PlanOverviewRow,
  type PlanReminderResult,
} from '@jiangtai/contracts';
import { errorText } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { ACCESS, useCurrentMe } from '../../lib/me.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../components/ResponsiveTable.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../components/states.tsx';
import { useCampaigns } from '../campaigns/api.ts';
import { usePlanOverview, useRemind } from './api.ts';
import { LateTag, PlanStatusTag } from './labels.tsx';

const ORDER: PlanFilingStatus[] = ['none', 'draft', 'returned', 'submitted', 'accepted'];

/** Tells the unit whom a reminder reached, and plainly which branches have no secretary account to notify. */
function reminderSummary(r: PlanReminderResult) {
  return (
    <Flex vertical gap={4}>
      <span>
        {r.notified.length > 0
          ? `已通过站内通知提醒 ${r.notified.length} 个支部：${r.notified.map((n) => n.name).join('、')}。`
          : '没有发出站内通知。'}
      </span>
      {r.noAccount.length > 0 && (
        <Typography.Text type="danger">
          以下支部没有开通账号的书记（副书记），无法发送站内通知，请电话联系：
          {r.noAccount.map((n) => n.name).join('、')}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** 计划填报情况: which branches under an org have filed their plan, which are late, and reminders. */
export default function PlanOverviewPage() {
  const me = useCurrentMe();
  const { modal, message } = App.useApp();
  const own = me.grants.find((g) => (ACCESS.planOverview as readonly string[]).includes(g.role));
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns('published');
  const campaignId = params.get('campaign') ?? campaigns.data?.items[0]?.id;
  const orgId = params.get('org') ?? own?.orgId;
  const lateOnly = params.get('late') === '1';
  const [orgLabel, setOrgLabel] = useState(own?.orgName);
  const { data, error, isPending, refetch } = usePlanOverview(campaignId, orgId, lateOnly);
  const remind = useRemind(campaignId ?? '');
  const set = (patch: Record<string, string | undefined>) => {
    const next = { campaign: campaignId, org: orgId, late: lateOnly ? '1' : undefined, ...patch };
    setParams(Object.fromEntries(Object.entries(next).filter((e): e is [string, string] => !!e[1])));
  };

  const sendReminder = (branch?: PlanOverviewRow) => {
    if (!orgId) return;
    modal.confirm({
      title: branch
        ? `提醒「${branch.name}」填报宣讲计划？`
        : `提醒全部 ${data?.counts.late ?? 0} 个逾期支部？`,
      content: '支部书记（副书记）的账号会收到一条站内通知。',
      okText: '发送提醒',
      cancelText: '取消',
      onOk: () =>
        remind
          .mutateAsync({ orgId, branchId: branch?.orgId })
          .then((r) => void modal.info({ title: '提醒结果', content: reminderSummary(r), okText: '知道了' }))
          .catch((err: unknown) => void message.error(errorText(err))),
    });
  };

  const columns: ResponsiveColumn<PlanOverviewRow>[] = [
    {
      title: '支部',
      dataIndex: 'name',
      card: 'title',
      render: (name: string, r) => <Link to={`/plans/${campaignId}/${r.orgId}`}>{name}</Link>,
    },
    {
      title: '状态',
      dataIndex: 'status',
      card: 'extra',
      render: (s: PlanFilingStatus, r) => (
        <Flex gap={4}>
          {r.late && <LateTag />}
          <PlanStatusTag status={s} />
        </Flex>
      ),
    },
    { title: '计划条数', dataIndex: 'lineCount' },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      render: (v: string | null) => (v ? formatDateTime(v) : '—'),
    },
    {
      title: '书记账号',
      dataIndex: 'secretaryAccounts',
      render: (n: number) =>
        n > 0 ? `${n} 个` : <Typography.Text type="danger">无，无法站内提醒</Typography.Text>,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, r) => (
        <Flex gap={8} wrap>
          <Link to={`/plans/${campaignId}/${r.orgId}`}>
            <Button size="small">{r.status === 'submitted' ? '审核' : '查看'}</Button>
          </Link>
          {data?.canRemind && r.status !== 'submitted' && r.status !== 'accepted' && (
            <Button size="small" disabled={r.secretaryAccounts === 0} onClick={() => sendReminder(r)}>
              提醒
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="计划填报情况" sub="所辖各支部宣讲计划的填报、审核与逾期情况。" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap="wrap" gap={8} align="center">
          <Select
            aria-label="选择活动"
            placeholder="选择活动"
            loading={campaigns.isPending}
            value={campaignId}
            onChange={(v: string) => set({ campaign: v })}
            options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
            style={{ width: 320, maxWidth: '100%' }}
          />
          <OrgSearchSelect
            aria-label="选择组织"
            value={orgId}
            initialLabel={data?.org.name ?? (orgId === own?.orgId ? own?.orgName : orgLabel)}
            onChange={(v, hit) => {
              if (!v) return;
              setOrgLabel(hit?.name);
              set({ org: v });
            }}
            style={{ width: 320, maxWidth: '100%' }}
          />
        </Flex>
      </Card>
      {!campaignId ? (
        campaigns.isPending ? (
          <BlockLoading />
        ) : (
          <EmptyState text="没有进行中的活动" />
        )
      ) : isPending ? (
        <BlockLoading />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }} data-testid="plan-counts">
            <Flex vertical gap={8}>
              <Typography.Text>
                {data.required ? '要求各支部填报' : '不要求填报（自愿）'}
                {data.dueOn ? `，截止 ${formatDate(data.dueOn)}` : ''} · 共 {data.counts.total} 个支部
              </Typography.Text>
              <Flex wrap="wrap" gap={6}>
                {ORDER.map((s) => (
                  <Tag key={s} style={{ marginInlineEnd: 0 }}>
                    {planFilingStatusLabels[s]} {data.counts[s]}
                  </Tag>
                ))}
                <Tag color={data.counts.late ? 'error' : 'default'} style={{ marginInlineEnd: 0 }}>
                  逾期 {data.counts.late}
                </Tag>
              </Flex>
              <Flex wrap="wrap" gap={8} align="center" justify="space-between">
                <label>
                  <Switch
                    size="small"
                    checked={lateOnly}
                    onChange={(on) => set({ late: on ? '1' : undefined })}
                  />{' '}
                  只看逾期
                </label>
                {data.canRemind && data.counts.late > 0 && (
                  <Button type="primary" loading={remind.isPending} onClick={() => sendReminder()}>
                    提醒全部逾期支部
                  </Button>
                )}
              </Flex>
            </Flex>
          </Card>
          <ResponsiveTable
            aria-label="各支部填报情况"
            rowKey="orgId"
            columns={columns}
            dataSource={data.rows}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            locale={{ emptyText: lateOnly ? '没有逾期的支部' : '没有参加本活动的支部' }}
          />
        </>
      )}
    </>
  );
}
