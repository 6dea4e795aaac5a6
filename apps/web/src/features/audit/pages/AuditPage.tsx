import { useState } from 'react';
import { Card, DatePicker, Form, Input, Select, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { beijingDayStart } from '@jiangtai/contracts';
import { apiGet, qs } from '../../../lib/api.ts';
import { AUDIT_ACTIONS, AUDIT_AREAS, AUDIT_ENTITY_TYPES } from '../../../lib/audit-labels.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { AuditTable, type AuditRow } from '../../../components/AuditTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState } from '../../../components/states.tsx';
import { DATE_INPUT_FORMAT } from '../../../lib/format.ts';

const areaOptions = Object.entries(AUDIT_AREAS).map(([value, label]) => ({ value, label }));
const actionOptions = Object.entries(AUDIT_AREAS).map(([area, areaLabel]) => ({
  label: areaLabel,
  options: Object.entries(AUDIT_ACTIONS)
    .filter(([, d]) => d.area === area)
    .map(([value, d]) => ({ value, label: d.label })),
}));
const entityTypeOptions = Object.entries(AUDIT_ENTITY_TYPES).map(([value, label]) => ({ value, label }));

interface Filters {
  area?: string;
  action?: string;
  entityType?: string;
  /** A person or record picked by clicking its name in the table. */
  person?: { actorId: string; actorName: string };
  record?: { entityType: string; entityId: string; entityName: string };
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
    area: filters.area,
    action: filters.action,
    entityType: filters.record?.entityType ?? filters.entityType,
    entityId: filters.record?.entityId,
    actorId: filters.person?.actorId,
    actor: filters.person ? undefined : actor,
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
        sub="谁在什么时候做了什么：登录、账号、组织、活动、作品、评审和公示的每一次改动都记录在此。点操作人或对象的名字，只看与其有关的记录。"
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="类别" style={{ width: 200, maxWidth: '100%' }}>
            <Select
              allowClear
              aria-label="类别"
              placeholder="全部类别"
              options={areaOptions}
              value={filters.area}
              onChange={(v?: string) => update({ area: v, action: undefined })}
            />
          </Form.Item>
          <Form.Item label="操作" style={{ width: 260, maxWidth: '100%' }}>
            <Select
              allowClear
              aria-label="操作"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部操作"
              options={
                filters.area
                  ? actionOptions.filter(
                      (g) => g.label === AUDIT_AREAS[filters.area as keyof typeof AUDIT_AREAS],
                    )
                  : actionOptions
              }
              value={filters.action}
              onChange={(v?: string) => update({ action: v })}
            />
          </Form.Item>
          <Form.Item label="操作人">
            {filters.person ? (
              <Tag closable onClose={() => update({ person: undefined })} data-testid="audit-person">
                {filters.person.actorName}
              </Tag>
            ) : (
              <Input
                allowClear
                aria-label="操作人"
                placeholder="姓名"
                value={filters.actor}
                onChange={(e) => update({ actor: e.target.value })}
                style={{ width: 140 }}
              />
            )}
          </Form.Item>
          <Form.Item label="对象" style={{ width: 220, maxWidth: '100%' }}>
            {filters.record ? (
              <Tag closable onClose={() => update({ record: undefined })} data-testid="audit-record">
                {filters.record.entityName}
              </Tag>
            ) : (
              <Select
                allowClear
                aria-label="对象类型"
                placeholder="全部"
                value={filters.entityType}
                onChange={(v?: string) => update({ entityType: v })}
                options={entityTypeOptions}
              />
            )}
          </Form.Item>
          <Form.Item label="日期" style={{ maxWidth: '100%' }}>
            <DatePicker.RangePicker
              format={DATE_INPUT_FORMAT}
              value={filters.range}
              onChange={(range) => update({ range })}
              allowEmpty={[true, true]}
              aria-label="日期"
              style={{ maxWidth: '100%' }}
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
            onPick={(pick) => update('actorId' in pick ? { person: pick } : { record: pick })}
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
