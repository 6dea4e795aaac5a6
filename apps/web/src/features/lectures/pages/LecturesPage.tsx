import { useState } from 'react';
import { Button, Flex, Pagination, Segmented, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { FilterTag } from '../../../components/FilterTag.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { hasRole, useCurrentMe } from '../../../lib/me.ts';
import { useCampaign } from '../../campaigns/api.ts';
import { useLectureList, useLedBranches, type LectureStatusFilter } from '../api.ts';
import { DecisionButtons } from '../components/DecisionButtons.tsx';
import { LectureList } from '../components/LectureList.tsx';

const ADMINS = ['unit_admin', 'platform_admin'] as const;
type Filter = LectureStatusFilter | 'all';

/** The campaign a list is narrowed to, by its title (read with the campaign's own rights). */
function CampaignTag({ id, onClear }: { id: string; onClear: () => void }) {
  const campaign = useCampaign(id);
  const title = campaign.error ? '所选活动' : campaign.data?.title;
  return <FilterTag label="活动" value={title} onClear={onClear} testId="filter-campaign" />;
}

/**
 * 宣讲记录: the branch's records for its secretary (with 记录宣讲), the 待确认 list for the unit
 * (confirm or return in place), and every record of the campaign's scope for organisers and
 * supervisors. The server narrows the list to what each may open. The address may narrow it to a
 * campaign (`campaign`), an org's subtree (`org`) and a state (`status`): the dashboard's 宣讲开展
 * opens the records it counts that way.
 */
export default function LecturesPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const admin = hasRole(me, ADMINS);
  const branches = useLedBranches();
  const [params, setParams] = useSearchParams();
  const campaignId = params.get('campaign') ?? undefined;
  const underOrgId = params.get('org') ?? undefined;
  const options: { value: Filter; label: string }[] = [
    { value: 'all', label: '全部' },
    { value: 'recorded', label: '待确认' },
    { value: 'confirmed', label: '已确认' },
    { value: 'returned', label: '已退回' },
    { value: 'counted', label: '计入统计' },
    ...(admin ? [{ value: 'deleted' as const, label: '已删除' }] : []),
  ];
  const asked = options.find((o) => o.value === params.get('status'))?.value;
  const [filter, setFilter] = useState<Filter>(asked ?? (admin ? 'recorded' : 'all'));
  const [page, setPage] = useState(1);
  const list = useLectureList({
    status: filter === 'all' ? undefined : filter,
    campaignId,
    underOrgId,
    page,
  });
  const mayRecord = admin || (branches.data?.items.length ?? 0) > 0;
  const clear = (key: string) => {
    const next = new URLSearchParams(params);
    next.delete(key);
    setParams(next);
    setPage(1);
  };
  return (
    <>
      <PageHeader
        title="宣讲记录"
        extra={
          mayRecord && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/lectures/new')}>
              记录宣讲
            </Button>
          )
        }
      />
      <Flex vertical gap={12}>
        <Segmented
          aria-label="按状态筛选"
          options={options}
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
          style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
        />
        {(campaignId || underOrgId || list.data) && (
          <Flex wrap="wrap" gap={8} align="center">
            {campaignId && <CampaignTag id={campaignId} onClear={() => clear('campaign')} />}
            {underOrgId && (
              <FilterTag
                label="范围"
                value={list.data?.org?.name ?? (list.error ? '所选单位' : undefined)}
                onClear={() => clear('org')}
                testId="filter-org"
              />
            )}
            {list.data && (
              <Typography.Text type="secondary" data-testid="lecture-total">
                共 {list.data.total} 条
              </Typography.Text>
            )}
          </Flex>
        )}
        {list.isPending ? (
          <BlockLoading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState text={filter === 'recorded' ? '没有待确认的宣讲记录' : '还没有宣讲记录'} />
        ) : (
          <>
            <LectureList
              items={list.data.items}
              showBranch
              actions={(r) =>
                admin && r.status === 'recorded' && !r.deleted ? (
                  <DecisionButtons id={r.id} topic={r.topic} />
                ) : null
              }
            />
            {list.data.total > list.data.pageSize && (
              <Pagination
                current={page}
                pageSize={list.data.pageSize}
                total={list.data.total}
                onChange={setPage}
                simple
              />
            )}
          </>
        )}
      </Flex>
    </>
  );
}
