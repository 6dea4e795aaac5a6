import { Button, Tag, type TableProps } from 'antd';
import { actionLabel, entityTypeLabel } from '../lib/audit-labels.ts';
import { formatDateTime } from '../lib/format.ts';
import { JsonBlock } from './JsonBlock.tsx';
import { EmptyState } from './states.tsx';
import { ResponsiveTable, type ResponsiveColumn } from './ResponsiveTable.tsx';

export interface AuditRow {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  before: unknown;
  after: unknown;
  /** Only in the full audit log (histories of one record leave them out). */
  entityType?: string;
  entityId?: string | null;
  ip?: string | null;
  /** The full audit log's readable fields (names resolved by the server). */
  actorId?: string | null;
  actionLabel?: string;
  entityLabel?: string;
  entityName?: string | null;
  summary?: string;
}

/** Audit rows with the before/after snapshots in an expandable row. */
export function AuditTable({
  rows,
  loading,
  showEntity = true,
  pagination = false,
  emptyText = '还没有操作记录。',
  testId,
  onPick,
}: {
  rows: AuditRow[] | undefined;
  loading: boolean;
  showEntity?: boolean;
  pagination?: TableProps<AuditRow>['pagination'];
  emptyText?: string;
  testId?: string;
  /** Filters the log to a person or a record when their name is clicked. */
  onPick?: (
    pick:
      { actorId: string; actorName: string } | { entityType: string; entityId: string; entityName: string },
  ) => void;
}) {
  const pickButton = (label: string, onClick: () => void) => (
    <Button
      type="link"
      size="small"
      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
      onClick={onClick}
    >
      {label}
    </Button>
  );
  const columns: ResponsiveColumn<AuditRow>[] = [
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 120,
      render: (v: string | null, r: AuditRow) =>
        v && r.actorId && onPick
          ? pickButton(v, () => onPick({ actorId: r.actorId!, actorName: v }))
          : (v ?? '系统'),
    },
    {
      title: '操作',
      dataIndex: 'action',
      width: 150,
      card: 'extra',
      render: (v: string, r: AuditRow) => <Tag>{r.actionLabel ?? actionLabel(v)}</Tag>,
    },
    ...(showEntity
      ? [
          {
            title: '对象',
            key: 'entity',
            width: 200,
            render: (_: unknown, r: AuditRow) => {
              const label = r.entityLabel ?? (r.entityType ? entityTypeLabel(r.entityType) : '');
              const text = r.entityName ? `${label}「${r.entityName}」` : label;
              return r.entityType && r.entityId && onPick
                ? pickButton(text, () =>
                    onPick({ entityType: r.entityType!, entityId: r.entityId!, entityName: text }),
                  )
                : text;
            },
          },
          {
            title: '说明',
            key: 'summary',
            render: (_: unknown, r: AuditRow) => r.summary ?? '',
          },
          { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null | undefined) => v ?? '—' },
        ]
      : []),
  ];
  return (
    <ResponsiveTable<AuditRow>
      data-testid={testId}
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <EmptyState text={emptyText} /> }}
      expandable={{
        rowExpandable: (r) => r.before != null || r.after != null,
        expandedRowRender: (r) => (
          <div
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: 12 }}
          >
            <div>
              <div style={{ marginBottom: 4, color: '#595959' }}>修改前</div>
              <JsonBlock value={r.before} />
            </div>
            <div>
              <div style={{ marginBottom: 4, color: '#595959' }}>修改后</div>
              <JsonBlock value={r.after} />
            </div>
          </div>
        ),
      }}
    />
  );
}
