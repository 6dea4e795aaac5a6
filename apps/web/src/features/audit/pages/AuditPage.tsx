import { useState } from 'react';
import { Card, DatePicker, Form, Input, Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { beijingDayStart } from '@jiangtai/contracts';
import { apiGet, qs } from '../../../lib/api.ts';
import { actionLabels, entityTypeLabels } from '../../../lib/audit-labels.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { AuditTable, type AuditRow } from '../../../components/AuditTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState } from '../../../components/states.tsx';
import { DATE_INPUT_FORMAT } from '../../../lib/format.ts';

const ACTION_GROUPS = [
  { value: 'auth.', label: '全部：登录与密码' },
  { value: 'account.', label: '全部：账号' },
  { value: 'org.', label: '全部：组织' },
  { value: 'member.', label: '全部：党员' },
  { value: 'campaign.', label: '全部：活动' },
];
const actionOptions = [
  { label: '按类别', options: ACTION_GROUPS },
  { label: '按操作', options: Object.entries(actionLabels).map(([value, label]) => ({ value, label })) },
];

interface Filters {
  action?: string;
  entityType?: string;
  actor: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

export default function AuditPage() {
  const [filters, setFilters] = useState<Filters>({ actor: '', range: null });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const actor = useDebounced(filters.actor.trim(), 400);
  const from = filters.range?.[0]?.format('YYYY-MM-DD');
  const toDay = filters.range?.[1]?.add(1, 'day').format('YYYY-MM-DD');
  const query = qs({
    action: filters.action,
    entityType: filters.entityType,
    actor,
    from: from ? beijingDayStart(from).toISOString() : undefined,
    to: toDay ? beijingDayStart(toDay).toISOString() : undefined,
    page,
    pageSize,
  });
  const { data, error, isFetching, refetch } = useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => apiGet<{ total: number; items: AuditRow[] }>(`/api/audit${query}`, signal),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title="操作日志"
        sub="谁在什么时候做了什么：登录、账号、组织、党员和活动的每一次改动都记录在此。"
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="操作" style={{ minWidth: 220 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部操作"
              options={actionOptions}
              value={filters.action}
              onChange={(v?: string) => update({ action: v })}
            />
          </Form.Item>
          <Form.Item label="操作人">
            <Input
              allowClear
              placeholder="姓名"
              value={filters.actor}
              onChange={(e) => update({ actor: e.target.value })}
              style={{ width: 140 }}
            />
          </Form.Item>
          <Form.Item label="对象类型" style={{ minWidth: 180 }}>
            <Select
              allowClear
              placeholder="全部"
              value={filters.entityType}
              onChange={(v?: string) => update({ entityType: v })}
              options={Object.entries(entityTypeLabels).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item label="日期">
            <DatePicker.RangePicker
              format={DATE_INPUT_FORMAT}
              value={filters.range}
              onChange={(range) => update({ range })}
              allowEmpty={[true, true]}
            />
          </Form.Item>
        </Form>
      </Card>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Card size="small">
          <AuditTable
            testId="audit-table"
            rows={data?.items}
            loading={isFetching}
            emptyText="没有符合条件的操作记录，试试放宽筛选条件。"
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 条`,
              onChange: (p, s) => {
                setPage(s === pageSize ? p : 1);
                setPageSize(s);
              },
            }}
          />
        </Card>
      )}
    </>
  );
}
