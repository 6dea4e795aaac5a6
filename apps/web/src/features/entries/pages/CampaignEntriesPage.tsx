import { useState } from 'react';
import { App, Button, Card, Flex, Select, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ClockCircleOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  entryStateLabels,
  entryStates,
  isContestStage,
  type EntryListItem,
  type EntryState,
  type UnitQuota,
} from '@jiangtai/contracts';
import { FilterTag } from '../../../components/FilterTag.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { useCampaign } from '../../campaigns/api.ts';
import {
  formatDeadline,
  useCampaignEntries,
  useEntryMutations,
  useExtensions,
  type EntryFilters,
} from '../api.ts';
import { CompletenessTags } from '../components/CompletenessTags.tsx';
import { EntryStateTag } from '../components/EntryStateTag.tsx';
import { ExtendDeadlineModal } from '../components/ExtendDeadlineModal.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

function quotaText(q: UnitQuota) {
  if (q.max === null) return `已推荐 ${q.recommended} 名`;
  const limit = q.min !== null && q.min !== q.max && q.min > 0 ? `${q.min}–${q.max}` : `${q.max}`;
  return `已推荐 ${q.recommended} / 名额 ${limit} 名`;
}

function QuotaLine({ q, onZip, canZip }: { q: UnitQuota; onZip: () => void; canZip: boolean }) {
  const full = q.max !== null && q.recommended >= q.max;
  return (
    <Flex wrap="wrap" gap={8} align="center" data-testid="unit-quota">
      <Typography.Text strong>{q.unitName}</Typography.Text>
      <Tag color={full ? 'orange' : 'blue'}>{quotaText(q)}</Tag>
      <Typography.Text type="secondary">共 {q.entries} 件作品</Typography.Text>
      {q.recommendedIncomplete > 0 ? (
        <Tag color="error" data-testid="unit-incomplete">
          {`其中 ${q.recommendedIncomplete} 件材料不全`}
          {q.recommendedMissingScan > 0 ? `（${q.recommendedMissingScan} 件缺推荐表）` : ''}
        </Tag>
      ) : (
        q.recommended > 0 && <Tag color="success">已推荐的材料齐全</Tag>
      )}
      <Typography.Text type="secondary">截止 {formatDeadline(q.deadline)}</Typography.Text>
      {canZip && (
        <Button size="small" type="link" icon={<DownloadOutlined />} onClick={onZip}>
          下载本单位材料
        </Button>
      )}
    </Flex>
  );
}

/** The stage choice (and `stage` in the address) for every stage's entries, as the dashboard counts them. */
const ALL_STAGES = '*';

/**
 * 作品: a campaign's entries by stage, unit, category and state. The address may narrow them to an
 * org's subtree (`orgId`) and choose the stage (`stage`, `*` for all): the dashboard's 报送作品 opens
 * the entries it counts that way.
 */
export default function CampaignEntriesPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const campaign = useCampaign(id);
  const [params, setParams] = useSearchParams();
  const underOrgId = params.get('orgId') ?? undefined;
  const [filters, setFilters] = useState<EntryFilters>(() => ({
    stageKey: params.get('stage') ?? undefined,
  }));
  const allStages = filters.stageKey === ALL_STAGES;
  const list = useCampaignEntries(id, {
    ...filters,
    stageKey: allStages ? undefined : filters.stageKey,
    orgId: underOrgId,
  });
  const extensions = useExtensions(id);
  const { recommend } = useEntryMutations();
  const [extending, setExtending] = useState<{ unitId?: string } | null>(null);

  if (campaign.isPending) return <BlockLoading rows={8} />;
  if (campaign.error) return <ErrorState error={campaign.error} />;
  const c = campaign.data;
  const stages = c.settings.stages.filter((s) => isContestStage(s.kind));
  const stageKey = allStages
    ? undefined
    : (filters.stageKey ??
      stages.find((s) => c.timeline.find((t) => t.key === s.key)?.state === 'current')?.key ??
      stages[0]?.key);
  const shown = (list.data?.items ?? []).filter((e) => !stageKey || e.stageKey === stageKey);
  const clearOrg = () => {
    const next = new URLSearchParams(params);
    next.delete('orgId');
    setParams(next);
  };
  const units = [
    ...new Map((list.data?.quotas ?? []).map((q) => [q.unitId, { id: q.unitId, name: q.unitName }])).values(),
  ];
  const zip = (unitId?: string) =>
    void downloadFile(
      `/api/campaigns/${id}/entries/zip?stageKey=${stageKey ?? ''}${unitId ? `&unitId=${unitId}` : ''}`,
      '作品材料.zip',
    ).catch((e: unknown) => message.error(errorText(e)));
  const doRecommend = (e: EntryListItem) =>
    recommend.mutate(e.id, {
      onSuccess: () => void message.success(`已推荐「${e.title}」`),
      onError: (err) => void modal.warning({ title: '不能推荐', content: errorText(err) }),
    });
  const set = (patch: EntryFilters) => setFilters((f) => ({ ...f, ...patch }));
  const canManage = list.data?.canManage ?? false;

  return (
    <>
      <PageHeader
        title="作品"
        sub={c.title}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/campaigns/${id}`)}>
              活动
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => void navigate(`/entries/new?campaignId=${id}`)}>
              新建 / 代报作品
            </Button>
            {canManage && (
              <>
                {stageKey && (
                  <Button icon={<DownloadOutlined />} onClick={() => zip()}>
                    下载本阶段全部材料
                  </Button>
                )}
                <Button icon={<ClockCircleOutlined />} onClick={() => setExtending({})}>
                  延长截止时间
                </Button>
              </>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap="wrap" gap={8}>
          <Select
            aria-label="阶段"
            style={{ minWidth: 160 }}
            value={stageKey ?? ALL_STAGES}
            onChange={(v) => set({ stageKey: v })}
            options={[
              { value: ALL_STAGES, label: '全部阶段' },
              ...stages.map((s) => ({ value: s.key, label: `${s.name}` })),
            ]}
          />
          <Select
            aria-label="单位"
            allowClear
            placeholder="全部单位"
            style={{ minWidth: 160 }}
            value={filters.unitId}
            onChange={(v?: string) => set({ unitId: v })}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
          <Select
            aria-label="类别"
            allowClear
            placeholder="全部类别"
            style={{ minWidth: 140 }}
            value={filters.categoryKey}
            onChange={(v?: string) => set({ categoryKey: v })}
            options={c.settings.categories.map((cat) => ({ value: cat.key, label: cat.name }))}
          />
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ minWidth: 120 }}
            value={filters.state}
            onChange={(v?: EntryState) => set({ state: v })}
            options={entryStates.map((s) => ({ value: s, label: entryStateLabels[s] }))}
          />
          {underOrgId && (
            <FilterTag
              label="范围"
              value={list.data?.org?.name ?? (list.error ? '所选单位' : undefined)}
              onClear={clearOrg}
              testId="filter-org"
            />
          )}
          {list.data && (
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }} data-testid="entry-total">
              共 {shown.length} 件
            </Typography.Text>
          )}
        </Flex>
      </Card>
      {list.isPending ? (
        <BlockLoading rows={6} />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          {list.data.quotas.filter((q) => q.stageKey === stageKey).length > 0 && (
            <Card size="small" title="各单位推荐情况" style={{ marginBottom: 12 }}>
              <Flex vertical gap={6}>
                {list.data.quotas
                  .filter((q) => q.stageKey === stageKey)
                  .map((q) => (
                    <QuotaLine key={q.unitId} q={q} canZip onZip={() => zip(q.unitId)} />
                  ))}
              </Flex>
            </Card>
          )}
          {shown.length === 0 ? (
            <EmptyState text="没有符合条件的作品" />
          ) : (
            <ResponsiveTable<EntryListItem>
              aria-label="作品列表"
              rowKey="id"
              size="small"
              scroll={{ x: 900 }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              dataSource={shown}
              columns={[
                { title: '宣讲人', dataIndex: 'speakerName', width: 90 },
                { title: '单位', dataIndex: 'unitName', width: 140 },
                {
                  title: '作品',
                  dataIndex: 'title',
                  card: 'title',
                  render: (t: string, e) => <Link to={`/entries/${e.id}`}>{t}</Link>,
                },
                { title: '类别', dataIndex: 'categoryName', width: 100 },
                {
                  title: '状态',
                  dataIndex: 'state',
                  width: 80,
                  card: 'extra',
                  render: (s: EntryState) => <EntryStateTag state={s} />,
                },
                {
                  title: '材料',
                  key: 'completeness',
                  width: 220,
                  card: 'full',
                  render: (_: unknown, e) => <CompletenessTags completeness={e.completeness} />,
                },
                // Units recommend; organisers only follow (the server checks again).
                ...(canManage
                  ? []
                  : [
                      {
                        title: '操作',
                        key: 'actions',
                        width: 90,
                        render: (_: unknown, e: EntryListItem) =>
                          e.state === 'submitted' ? (
                            <Button size="small" type="link" onClick={() => doRecommend(e)}>
                              推荐
                            </Button>
                          ) : null,
                      },
                    ]),
              ]}
            />
          )}
        </>
      )}
      {(extensions.data?.items.length ?? 0) > 0 && (
        <Card size="small" title="延期记录" style={{ marginTop: 12 }}>
          <Flex vertical gap={4}>
            {extensions.data!.items.map((x) => (
              <Typography.Text key={x.id}>
                {x.unitName} · {stages.find((s) => s.key === x.stageKey)?.name ?? x.stageKey} 延长至{' '}
                {formatDate(x.until)}：{x.reason}（{x.grantedBy ?? '—'}，{formatDateTime(x.at)}）
              </Typography.Text>
            ))}
          </Flex>
        </Card>
      )}
      {extending && (
        <ExtendDeadlineModal
          campaignId={id}
          open
          onClose={() => setExtending(null)}
          stages={stages}
          units={units}
          initial={{ stageKey, unitId: extending.unitId }}
        />
      )}
    </>
  );
}
