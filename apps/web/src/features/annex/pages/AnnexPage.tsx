import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import type { ActivityNumbers, ActivityRow, ActivityTable } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { DATE_INPUT_FORMAT, formatDate, formatDateTime } from '../../../lib/format.ts';
import { useMe } from '../../../lib/me.ts';
import { useCampaigns } from '../../campaigns/api.ts';
import {
  activityExportUrl,
  poolExportUrl,
  rubricExportUrl,
  useActivityTable,
  useAnnexSubmissions,
  useSubmitAnnex,
  type AnnexParams,
} from '../api.ts';
import { SubmissionsCard } from '../SubmissionsCard.tsx';

const READER_ROLES = ['platform_admin', 'organiser', 'unit_admin', 'supervisor'] as const;
const rate = (n: ActivityNumbers) => (n.coverage === null ? '—' : `${n.coverage.toFixed(1)}%`);

function columns(t: ActivityTable, open: (orgId: string) => void): ResponsiveColumn<ActivityRow>[] {
  const several = t.rows.length > 1;
  const num = (
    title: string,
    value: (n: ActivityNumbers) => number | string,
  ): ResponsiveColumn<ActivityRow> => ({
    title,
    key: title,
    align: 'right',
    render: (_: unknown, r: ActivityRow) => value(r.numbers),
  });
  return [
    {
      title: '单位',
      key: 'org',
      card: 'title',
      fixed: 'left',
      render: (_: unknown, r: ActivityRow) =>
        r.own ? (
          `${r.org?.name ?? ''}${several ? '（本级）' : ''}`
        ) : (
          <Typography.Link onClick={() => r.org && open(r.org.id)}>{r.org?.name}</Typography.Link>
        ),
    },
    num('党支部数', (n) => n.branches),
    num('党员数', (n) => n.members),
    num('已报宣讲计划', (n) => n.plansFiled),
    num('微型党课场次', (n) => n.lectures),
    num('受众人次', (n) => n.audience),
    num('已宣讲党员', (n) => n.lecturedMembers),
    num('覆盖率', rate),
    num('支部书记已宣讲', (n) => `${n.lecturedSecretaries}/${n.secretaries}`),
    ...t.stages.map((s) => num(`${s.name}作品`, (n) => n.entries[s.key] ?? 0)),
    num('师资库宣讲员', (n) => n.poolSpeakers),
    num('点单宣讲完成', (n) => n.ordersDelivered),
  ];
}

/**
 * 统计报表: the notice's annex tables for a campaign, an org and a period — the 活动统计表 previewed from
 * the platform's data, downloaded as .xlsx and submitted upwards; the 比赛评分标准; who below has submitted.
 */
export default function AnnexPage() {
  const { message } = App.useApp();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns();
  const items = (campaigns.data?.items ?? []).filter((c) => c.status !== 'draft' || c.canEdit);
  const campaignId = params.get('campaignId') ?? items[0]?.id ?? '';
  const campaign = items.find((c) => c.id === campaignId);
  const grantOrgs = useMemo(() => {
    const seen = new Map<string, string>();
    for (const g of me.data?.grants ?? [])
      if ((READER_ROLES as readonly string[]).includes(g.role)) seen.set(g.orgId, g.orgName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [me.data]);
  // The organiser's own org when the viewer works there, else the viewer's own (a county's admin).
  const ownOrganiser = grantOrgs.some((o) => o.value === campaign?.organiserOrgId);
  const orgId =
    params.get('orgId') ??
    (ownOrganiser ? campaign?.organiserOrgId : grantOrgs[0]?.value) ??
    campaign?.organiserOrgId ??
    '';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const query: AnnexParams | null = campaignId && orgId ? { campaignId, orgId, from, to } : null;
  const table = useActivityTable(query);
  const subs = useAnnexSubmissions(campaignId, orgId, !!query && table.isSuccess);
  const submit = useSubmitAnnex();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');

  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v) p.set(k, v);
      else p.delete(k);
    setParams(p);
  };
  const download = (url: string, name: string) =>
    downloadFile(url, name).catch((e: unknown) => void message.error(errorText(e)));

  if (campaigns.isPending || me.isPending) return <BlockLoading />;
  if (campaigns.error) return <ErrorState error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  if (items.length === 0) return <EmptyState text="暂无可查看的活动" />;

  const orgOptions = [...grantOrgs];
  if (campaign && !orgOptions.some((o) => o.value === campaign.organiserOrgId))
    orgOptions.push({ value: campaign.organiserOrgId, label: campaign.organiserOrgName });
  if (table.data && !orgOptions.some((o) => o.value === table.data.org.id))
    orgOptions.push({ value: table.data.org.id, label: table.data.org.name });

  return (
    <>
      <PageHeader
        title="统计报表"
        sub="活动统计表、比赛评分标准按平台已有数据生成，下级单位核对后向上级报送"
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="活动" style={{ maxWidth: '100%' }}>
            <Select
              aria-label="活动"
              style={{ width: 280, maxWidth: '100%' }}
              value={campaignId}
              onChange={(v: string) =>
                set({ campaignId: v, orgId: undefined, from: undefined, to: undefined })
              }
              options={items.map((c) => ({ value: c.id, label: c.title }))}
            />
          </Form.Item>
          <Form.Item label="组织" style={{ maxWidth: '100%' }}>
            <Select
              aria-label="组织"
              style={{ width: 220, maxWidth: '100%' }}
              value={orgId}
              onChange={(v: string) => set({ orgId: v })}
              options={orgOptions}
            />
          </Form.Item>
          <Form.Item label="统计期间" style={{ maxWidth: '100%' }}>
            <DatePicker.RangePicker
              aria-label="统计期间"
              format={DATE_INPUT_FORMAT}
              style={{ maxWidth: '100%' }}
              value={table.data ? [dayjs(table.data.period.from), dayjs(table.data.period.to)] : null}
              onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            />
          </Form.Item>
        </Form>
      </Card>

      {table.error ? (
        <ErrorState error={table.error} onRetry={() => void table.refetch()} />
      ) : !table.data ? (
        <BlockLoading />
      ) : (
        <Card
          size="small"
          title={`${table.data.org.name} · 活动统计表`}
          style={{ marginBottom: 16 }}
          extra={
            <Typography.Text type="secondary">
              {formatDate(table.data.period.from)}至{formatDate(table.data.period.to)}
            </Typography.Text>
          }
        >
          <ResponsiveTable<ActivityRow>
            aria-label="活动统计表"
            rowKey={(r) => `${r.own ? 'own' : ''}${r.org?.id ?? ''}`}
            dataSource={table.data.rows}
            columns={columns(table.data, (id) => set({ orgId: id }))}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
          <Typography.Paragraph style={{ marginTop: 12 }}>
            <b>合计：</b>党员 {table.data.totals.members} 人，微型党课 {table.data.totals.lectures} 场，受众{' '}
            {table.data.totals.audience} 人次，已宣讲党员 {table.data.totals.lecturedMembers} 人（覆盖率{' '}
            {rate(table.data.totals)}），师资库宣讲员 {table.data.totals.poolSpeakers} 人，点单宣讲完成{' '}
            {table.data.totals.ordersDelivered} 场。
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            生成时间 {formatDateTime(table.data.generatedAt)}
            。场次、受众、点单为统计期间内已确认的；党员数、覆盖率为活动开始至今。
          </Typography.Paragraph>
          <Flex wrap="wrap" gap={8}>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(activityExportUrl(query!), '活动统计表.xlsx')}
            >
              下载活动统计表
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(poolExportUrl(query!), '师资库统计表.xlsx')}
            >
              下载师资库统计表
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(rubricExportUrl(campaignId), '比赛评分标准.xlsx')}
            >
              下载比赛评分标准
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(rubricExportUrl(campaignId, 'docx'), '比赛评分标准.docx')}
            >
              评分标准（Word）
            </Button>
            {subs.data?.canSubmit && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => setConfirming(true)}>
                报送上级
              </Button>
            )}
          </Flex>
        </Card>
      )}

      {subs.data && query && (
        <SubmissionsCard
          campaignId={campaignId}
          orgId={orgId}
          data={subs.data}
          onOpen={(id) => set({ orgId: id })}
        />
      )}

      <Modal
        title="报送活动统计表"
        open={confirming}
        okText="确认报送"
        cancelText="取消"
        confirmLoading={submit.isPending}
        onCancel={() => setConfirming(false)}
        onOk={() =>
          query &&
          submit.mutate(
            { ...query, note },
            {
              onSuccess: () => {
                setConfirming(false);
                setNote('');
                void message.success('已报送，上级单位可以看到本次报送的报表');
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            将按当前数据生成的报表（{table.data?.org.name}，
            {table.data ? `${formatDate(table.data.period.from)}至${formatDate(table.data.period.to)}` : ''}
            ）报送上级。报送后仍可重新报送，历次报送都会保留。
          </Typography.Text>
          <Input.TextArea
            aria-label="备注"
            placeholder="备注（选填）"
            maxLength={200}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Space>
      </Modal>
    </>
  );
}
