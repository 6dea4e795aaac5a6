import { isValidElement, useState, type Key, type ReactNode } from 'react';
import { Button, Card, Grid, Pagination, Spin, Table, type TableColumnType, type TableProps } from 'antd';
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import './responsive.css';

/**
 * Where a column goes in a phone's card: 'title' (the card's heading line), 'extra' (right of the
 * heading, for a tag or a score), 'actions' (buttons under the fields), 'full' (a labelled field over
 * the whole width), 'hide' (left out). Unmarked columns are labelled fields; a column keyed 'actions'
 * is 'actions'; without a 'title' column the first column is the heading.
 */
export type CardPlace = 'title' | 'extra' | 'actions' | 'full' | 'hide';

export type ResponsiveColumn<T> = TableColumnType<T> & { card?: CardPlace };

export type ResponsiveTableProps<T> = Omit<TableProps<T>, 'columns'> & {
  columns: ResponsiveColumn<T>[];
  'aria-label'?: string;
  'data-testid'?: string;
};

/** True below antd's `sm` breakpoint (576 px): lists become cards. */
export function usePhone(): boolean {
  return Grid.useBreakpoint().sm === false;
}

function valueAt(record: object, dataIndex: TableColumnType<object>['dataIndex']): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  let v: unknown = record;
  for (const k of path) v = v == null ? undefined : (v as Record<string | number, unknown>)[k as string];
  return v;
}

function cell<T extends object>(col: ResponsiveColumn<T>, record: T, index: number): ReactNode {
  const raw = valueAt(record, col.dataIndex as TableColumnType<object>['dataIndex']);
  const out: unknown = col.render ? col.render(raw, record, index) : raw;
  // The old render API may answer { children, props }.
  if (out && typeof out === 'object' && !isValidElement(out) && 'children' in out)
    return (out as { children: ReactNode }).children;
  if (out === undefined || out === null || out === '') return '—';
  return out as ReactNode;
}

function labelOf<T>(col: ResponsiveColumn<T>): ReactNode {
  return typeof col.title === 'function' ? col.title({}) : col.title;
}

function placeOf<T>(col: ResponsiveColumn<T>, i: number, hasTitle: boolean): CardPlace | 'field' {
  if (col.card) return col.card;
  if (col.key === 'actions') return 'actions';
  if (!hasTitle && i === 0) return 'title';
  return 'field';
}

function rowKeyOf<T extends object>(rowKey: TableProps<T>['rowKey'], record: T, index: number): Key {
  if (typeof rowKey === 'function') return rowKey(record, index);
  if (typeof rowKey === 'string') return valueAt(record, rowKey) as Key;
  return (record as { key?: Key }).key ?? index;
}

function RowCard<T extends object>(props: {
  record: T;
  index: number;
  columns: ResponsiveColumn<T>[];
  table: ResponsiveTableProps<T>;
}) {
  const { record, index, columns, table } = props;
  const [open, setOpen] = useState(false);
  const hasTitle = columns.some((c) => c.card === 'title');
  const placed = columns.map((c, i) => ({ c, place: placeOf(c, i, hasTitle) }));
  const at = (p: CardPlace | 'field') => placed.filter((x) => x.place === p).map((x) => x.c);
  const exp = table.expandable;
  const expandable = !!exp?.expandedRowRender && (exp.rowExpandable ? exp.rowExpandable(record) : true);
  const className =
    typeof table.rowClassName === 'function' ? table.rowClassName(record, index, 0) : table.rowClassName;
  const actions = at('actions');
  return (
    <Card size="small" role="listitem" className={className} styles={{ body: { padding: 12 } }}>
      <div className="jt-card-head">
        <div className="jt-card-title">
          {at('title').map((c, i) => (
            <span key={i}>{cell(c, record, index)}</span>
          ))}
        </div>
        {at('extra').map((c, i) => (
          <div key={i} className="jt-card-extra">
            {cell(c, record, index)}
          </div>
        ))}
      </div>
      <dl className="jt-card-fields">
        {placed
          .filter((x) => x.place === 'field' || x.place === 'full')
          .map(({ c, place }, i) => (
            <div key={i} className={place === 'full' ? 'jt-card-full' : undefined}>
              <dt>{labelOf(c)}</dt>
              <dd>{cell(c, record, index)}</dd>
            </div>
          ))}
      </dl>
      {actions.length > 0 && (
        <div className="jt-card-actions">
          {actions.map((c, i) => (
            <span key={i}>{cell(c, record, index)}</span>
          ))}
        </div>
      )}
      {expandable && (
        <>
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0 }}
            icon={open ? <UpOutlined /> : <DownOutlined />}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? '收起明细' : '展开明细'}
          </Button>
          {open && <div style={{ marginTop: 8 }}>{exp.expandedRowRender!(record, index, 0, true)}</div>}
        </>
      )}
    </Card>
  );
}

/** The rows as cards, paged like the table would be (by the server when `current` is given). */
function CardList<T extends object>({ table }: { table: ResponsiveTableProps<T> }) {
  const [localPage, setLocalPage] = useState(1);
  const rows = table.dataSource ?? [];
  const p = table.pagination;
  const columns = table.columns.filter((c) => c.card !== 'hide' && !c.hidden);
  const serverPaged = !!p && p.current !== undefined;
  const pageSize = p === false ? rows.length : (p?.pageSize ?? 10);
  const lastPage = Math.max(1, Math.ceil(rows.length / Math.max(1, pageSize)));
  const page = serverPaged ? p.current! : Math.min(localPage, lastPage);
  const shown = p === false || serverPaged ? rows : rows.slice((page - 1) * pageSize, page * pageSize);
  const loading = typeof table.loading === 'object' ? table.loading.spinning : table.loading;
  const empty = table.locale?.emptyText;
  return (
    <Spin spinning={!!loading}>
      <div
        role="list"
        aria-label={table['aria-label']}
        data-testid={table['data-testid']}
        className="jt-cards"
      >
        {shown.length === 0 && !loading && (
          <div className="jt-cards-empty">
            {typeof empty === 'function' ? empty() : (empty ?? '暂无数据')}
          </div>
        )}
        {shown.map((r, i) => (
          <RowCard<T>
            key={rowKeyOf(table.rowKey, r, i)}
            record={r}
            index={i}
            columns={columns}
            table={table}
          />
        ))}
      </div>
      {table.footer && <div className="jt-cards-footer">{table.footer(rows)}</div>}
      {p !== false && (
        <Pagination
          size="small"
          align="center"
          style={{ marginTop: 12 }}
          hideOnSinglePage={p?.hideOnSinglePage ?? true}
          current={page}
          pageSize={pageSize}
          total={serverPaged ? (p.total ?? 0) : rows.length}
          showTotal={p?.showTotal}
          showSizeChanger={false}
          onChange={(n, size) => {
            if (serverPaged) p.onChange?.(n, size);
            else setLocalPage(n);
          }}
        />
      )}
    </Spin>
  );
}

/**
 * An antd Table on wide screens; below 576 px a list of cards (a heading line and labelled fields,
 * with the same actions), so nothing on a phone sits off-screen inside a sideways-scrolling table.
 */
export function ResponsiveTable<T extends object>(props: ResponsiveTableProps<T>) {
  const phone = usePhone();
  if (phone) return <CardList<T> table={props} />;
  const columns = props.columns.map(({ card: _card, ...c }) => c);
  return <Table<T> {...props} columns={columns} />;
}
