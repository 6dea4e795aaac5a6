import { useState } from 'react';
import { Button, Flex, Pagination, Segmented } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { hasRole, useCurrentMe } from '../../../lib/me.ts';
import { useLectureList, useLedBranches, type LectureStatusFilter } from '../api.ts';
import { DecisionButtons } from '../components/DecisionButtons.tsx';
import { LectureList } from '../components/LectureList.tsx';

const ADMINS = ['unit_admin', 'platform_admin'] as const;
type Filter = LectureStatusFilter | 'all';

/**
 * 宣讲记录: the branch's records for its secretary (with 记录宣讲), the 待确认 list for the unit
 * (confirm or return in place), and every record of the campaign's scope for organisers and
 * supervisors. The server narrows the list to what each may open.
 */
export default function LecturesPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const admin = hasRole(me, ADMINS);
  const branches = useLedBranches();
  const [filter, setFilter] = useState<Filter>(admin ? 'recorded' : 'all');
  const [page, setPage] = useState(1);
  const list = useLectureList({ status: filter === 'all' ? undefined : filter, page });
  const mayRecord = admin || (branches.data?.items.length ?? 0) > 0;

  const options: { value: Filter; label: string }[] = [
    { value: 'all', label: '全部' },
    { value: 'recorded', label: '待确认' },
    { value: 'confirmed', label: '已确认' },
    { value: 'returned', label: '已退回' },
    ...(admin ? [{ value: 'deleted' as const, label: '已删除' }] : []),
  ];
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
