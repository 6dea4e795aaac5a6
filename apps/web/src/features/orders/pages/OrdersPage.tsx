import { Segmented, Flex } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { audienceTypeLabels, type OrderSummary } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDate } from '../../../lib/format.ts';
import { MyPoolsNote } from '../../pool/components/MyPoolsNote.tsx';
import { useOrders, type OrderView } from '../api.ts';
import { OrderStateTag } from '../components/OrderStateTag.tsx';
import '../orders.css';

const titles: Record<OrderView, string> = { branch: '我的点单', manage: '派单', tasks: '我的宣讲任务' };
const empty: Record<OrderView, string> = {
  branch: '还没有点单，可在宣讲菜单中点单',
  manage: '没有需要处理的点单',
  tasks: '还没有派给您的宣讲',
};
/** What each list shows first: the steps waiting for this person. */
const waiting: Record<OrderView, (o: OrderSummary) => boolean> = {
  branch: (o) => o.state === 'delivered',
  manage: (o) => o.state === 'ordered' || o.state === 'declined' || o.overdue,
  tasks: (o) => o.state === 'dispatched' || o.state === 'accepted',
};

/** 我的点单 (branch), 派单 (the pool's managers, overdue highlighted), 我的宣讲任务 (the speaker). */
export default function OrdersPage({ view }: { view: OrderView }) {
  const list = useOrders(view);
  const [filter, setFilter] = useState<'todo' | 'all'>('todo');
  const columns: ResponsiveColumn<OrderSummary>[] = [
    {
      title: '主题',
      dataIndex: 'topic',
      card: 'title',
      render: (_, o) => <Link to={`/orders/${o.id}`}>{o.topic}</Link>,
    },
    {
      title: '状态',
      key: 'state',
      card: 'extra',
      render: (_, o) => <OrderStateTag state={o.state} overdue={o.overdue} />,
    },
    ...(view === 'branch'
      ? []
      : [{ title: '点单支部', dataIndex: 'orgName' } as ResponsiveColumn<OrderSummary>]),
    { title: '听众', dataIndex: 'audience', render: (a: OrderSummary['audience']) => audienceTypeLabels[a] },
    { title: '希望日期', dataIndex: 'preferredDates', render: (d: string[]) => d.map(formatDate).join('、') },
    { title: '宣讲人', dataIndex: 'speakerName' },
    ...(view === 'manage'
      ? [
          {
            title: '答复期限',
            dataIndex: 'replyDueAt',
            render: (d: string | null, o: OrderSummary) =>
              d && o.state === 'dispatched' ? formatDate(d) : '—',
          } as ResponsiveColumn<OrderSummary>,
        ]
      : []),
  ];
  const items = list.data?.items.filter((o) => filter === 'all' || waiting[view](o)) ?? [];
  return (
    <>
      <PageHeader title={titles[view]} />
      <Flex vertical gap={12}>
        {view === 'tasks' && <MyPoolsNote />}
        <Segmented
          aria-label="筛选"
          options={[
            { value: 'todo', label: '待处理' },
            { value: 'all', label: '全部' },
          ]}
          value={filter}
          onChange={setFilter}
          style={{ alignSelf: 'flex-start' }}
        />
        {list.isPending ? (
          <BlockLoading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState text={filter === 'todo' ? '没有待处理的点单' : empty[view]} />
        ) : (
          <ResponsiveTable
            aria-label={titles[view]}
            data-testid="orders-list"
            rowKey="id"
            columns={columns}
            dataSource={items}
            pagination={false}
            rowClassName={(o) => (o.overdue ? 'order-overdue' : '')}
          />
        )}
      </Flex>
    </>
  );
}
