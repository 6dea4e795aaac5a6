import { useState } from 'react';
import { Avatar, Button, Card, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PlayCircleOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { audienceTypeLabels, audienceTypes, lectureFormatLabels, type MenuItem } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { downloadFile } from '../../../lib/api.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { useMenu, useMenuMutations, useOrderBranches, usePools } from '../api.ts';
import { SpeakerAvatar } from '../../pool/components/SpeakerAvatar.tsx';
import { MenuItemModal } from '../components/MenuItemModal.tsx';
import '../orders.css';

function ItemCard(props: {
  item: MenuItem;
  canOrder: boolean;
  manage: boolean;
  onEdit: () => void;
  poolId: string;
}) {
  const { item } = props;
  const navigate = useNavigate();
  const m = useMenuMutations(props.poolId);
  return (
    <Card size="small" data-testid="menu-item" style={{ opacity: item.active ? 1 : 0.6 }}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} align="start">
          <Typography.Text strong>{item.title}</Typography.Text>
          <Tag color={item.format === 'online' ? 'blue' : 'green'}>{lectureFormatLabels[item.format]}</Tag>
        </Flex>
        {item.summary && <Typography.Text type="secondary">{item.summary}</Typography.Text>}
        <Flex gap={8} align="center" wrap>
          <Avatar.Group max={{ count: 3 }}>
            {item.speakers.map((s) => (
              <SpeakerAvatar key={s.id} name={s.name} thumbUrl={s.photoThumbUrl} />
            ))}
          </Avatar.Group>
          <Typography.Text>
            宣讲人：{item.speakers.map((s) => s.name).join('、') || '—'} · {item.durationMinutes} 分钟
            {item.category && ` · ${item.category}`}
          </Typography.Text>
        </Flex>
        <Space size={4} wrap>
          {item.audiences.map((a) => (
            <Tag key={a}>{audienceTypeLabels[a]}</Tag>
          ))}
          {!item.active && <Tag color="default">已下架</Tag>}
        </Space>
        <Flex gap={8} wrap className="no-print">
          {props.canOrder && item.active && (
            <Button
              type="primary"
              onClick={() => void navigate(`/lecture-menu/order?poolId=${props.poolId}&itemId=${item.id}`)}
            >
              点单
            </Button>
          )}
          {item.classroomLecture && (
            <Link
              to={item.classroomLecture.url}
              title={item.classroomLecture.title}
              style={{ alignSelf: 'center' }}
            >
              <PlayCircleOutlined /> 观看视频
            </Link>
          )}
          {props.manage && <Button onClick={props.onEdit}>修改</Button>}
          {props.manage && (
            <Button
              loading={m.update.isPending}
              onClick={() => m.update.mutate({ id: item.id, body: { active: !item.active } })}
            >
              {item.active ? '下架' : '重新上架'}
            </Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

/**
 * 宣讲菜单: the lectures a pool offers, searched by title, content or speaker and filtered by audience and
 * format; branches order from here, the pool's managers keep it. Printing uses the browser (打印).
 */
export default function MenuPage() {
  const pools = usePools();
  const branches = useOrderBranches();
  const navigate = useNavigate();
  const [chosenPool, setPoolId] = useState<string>();
  const [q, setQ] = useState('');
  const [audience, setAudience] = useState<string>();
  const [format, setFormat] = useState<string>();
  const [editing, setEditing] = useState<MenuItem | null | 'new'>(null);
  const query = useDebounced(q, 300);
  // The nearest pool (the county's before the city's) unless another is chosen.
  const poolId = chosenPool ?? pools.data?.at(-1)?.id;
  const menu = useMenu(poolId, { q: query || undefined, audience, format });
  const canOrder = (branches.data?.items.length ?? 0) > 0;
  const manage = !!menu.data?.pool.manage;

  if (pools.isPending) return <BlockLoading />;
  if (pools.error) return <ErrorState error={pools.error} onRetry={() => void pools.refetch()} />;
  if (pools.data.length === 0) return <EmptyState text="您所在的组织还没有可点单的师资库" />;
  return (
    <>
      <PageHeader
        title="宣讲菜单"
        extra={
          <Space wrap className="no-print">
            {canOrder && poolId && (
              <Button onClick={() => void navigate(`/lecture-menu/order?poolId=${poolId}`)}>
                按主题点单
              </Button>
            )}
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新增宣讲
              </Button>
            )}
            {poolId && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  void downloadFile(
                    `/api/orders/pools/${poolId}/menu.xlsx`,
                    `${menu.data?.pool.name ?? '师资库'}-宣讲菜单.xlsx`,
                  )
                }
              >
                导出 Excel
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              打印
            </Button>
          </Space>
        }
      />
      <Flex vertical gap={12}>
        <Flex gap={8} wrap className="no-print">
          {pools.data.length > 1 && (
            <Select
              aria-label="师资库"
              value={poolId}
              onChange={setPoolId}
              options={pools.data.map((p) => ({ value: p.id, label: p.name }))}
              style={{ minWidth: 160 }}
            />
          )}
          <Input.Search
            allowClear
            placeholder="搜索题目、内容或宣讲人"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ maxWidth: 320 }}
          />
          <Select
            allowClear
            aria-label="适合听众"
            placeholder="适合听众"
            value={audience}
            onChange={setAudience}
            options={audienceTypes.map((a) => ({ value: a, label: audienceTypeLabels[a] }))}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            aria-label="形式"
            placeholder="形式"
            value={format}
            onChange={setFormat}
            options={Object.entries(lectureFormatLabels).map(([value, label]) => ({ value, label }))}
            style={{ width: 100 }}
          />
        </Flex>
        {menu.isPending ? (
          <BlockLoading />
        ) : menu.error ? (
          <ErrorState error={menu.error} onRetry={() => void menu.refetch()} />
        ) : menu.data.items.length === 0 ? (
          <EmptyState text={query || audience || format ? '没有符合条件的宣讲' : '菜单中还没有宣讲'} />
        ) : (
          menu.data.items.map((item) => (
            <ItemCard
              key={item.id}
              item={item}
              poolId={poolId!}
              canOrder={canOrder}
              manage={manage}
              onEdit={() => setEditing(item)}
            />
          ))
        )}
      </Flex>
      {poolId && editing !== null && (
        <MenuItemModal
          poolId={poolId}
          item={editing === 'new' ? null : editing}
          open
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
