import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  audienceTypeLabels,
  audienceTypes,
  politicalStatuses,
  poolSpeakerSourceLabels,
  poolSpeakerStatusLabels,
  type AudienceType,
  type PoolSpeakerListQuery,
  type PoolSpeakerStatus,
  type PoolSpeakerRow,
  type PoolView,
  type SpeakerDirect,
} from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { poolExportUrl, usePool, usePoolMutations } from '../api.ts';
import { FormModal } from '../components/FormModal.tsx';
import { speakerStatusColors } from '../components/labels.ts';
import { SpeakerAvatar } from '../components/SpeakerAvatar.tsx';
import { NominationsCard } from '../components/NominationsCard.tsx';
import { PoolBar } from '../components/PoolBar.tsx';
import { SpeakerFields } from '../components/SpeakerFields.tsx';

/** A pool: size vs target, speakers with filters, pending nominations for its managers. */
export default function PoolPage() {
  const { id = '' } = useParams();
  const [filter, setFilter] = useState<PoolSpeakerListQuery>({ status: 'active' });
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim(), 300);
  const query = { ...filter, q: term || undefined };
  const { data, error, isPending, refetch } = usePool(id, query);
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return <PoolBody pool={data} filter={filter} setFilter={setFilter} q={q} setQ={setQ} />;
}

function PoolBody({
  pool,
  filter,
  setFilter,
  q,
  setQ,
}: {
  pool: PoolView;
  filter: PoolSpeakerListQuery;
  setFilter: (f: PoolSpeakerListQuery) => void;
  q: string;
  setQ: (q: string) => void;
}) {
  const { message } = App.useApp();
  const m = usePoolMutations();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(poolExportUrl(pool.id), `${pool.org.name}师资库统计表.xlsx`);
      message.success('已导出师资库统计表');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };
  const columns: ResponsiveColumn<PoolSpeakerRow>[] = [
    {
      title: '姓名',
      key: 'name',
      card: 'title',
      render: (_, s) => (
        <Space size={8}>
          <SpeakerAvatar name={s.name} thumbUrl={s.photo?.thumbUrl} />
          <Link to={`/pool-speakers/${s.id}`}>{s.name}</Link>
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'status',
      card: 'extra',
      render: (_, s) => <Tag color={speakerStatusColors[s.status]}>{poolSpeakerStatusLabels[s.status]}</Tag>,
    },
    { title: '单位及职务', dataIndex: 'unitTitle' },
    { title: '联系电话', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: '宣讲专长', key: 'specialties', render: (_, s) => s.specialties.join('、') || '—' },
    {
      title: '适合对象',
      key: 'audiences',
      render: (_, s) => s.audiences.map((a) => audienceTypeLabels[a]).join('、') || '—',
    },
    { title: '入库方式', key: 'source', render: (_, s) => poolSpeakerSourceLabels[s.source] },
  ];
  return (
    <>
      <PageHeader
        title={pool.name}
        sub={pool.org.name}
        extra={
          <Space wrap>
            {pool.mayNominate && (
              <Link to={`/pools/${pool.id}/nominate`}>
                <Button icon={<UserAddOutlined />}>推荐入库</Button>
              </Link>
            )}
            {pool.manages && (
              <>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  直接入库
                </Button>
                <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
                  导出统计表
                </Button>
              </>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="pool-progress">
        <PoolBar active={pool.active} target={pool.target} />
        <Flex justify="space-between" wrap gap={8} style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">
            {pool.targetSource === 'campaign'
              ? `目标 ${pool.target} 人：按活动对每个县市区的要求`
              : pool.target
                ? `目标 ${pool.target} 人：本库自定`
                : '未设目标人数'}
          </Typography.Text>
          {pool.manages && (
            <Button size="small" type="link" onClick={() => setEditing(true)}>
              修改名称或目标
            </Button>
          )}
        </Flex>
      </Card>
      {pool.manages && <NominationsCard poolId={pool.id} />}
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder="按姓名搜索"
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 180 }}
          aria-label="按姓名搜索"
        />
        <Select
          aria-label="状态"
          style={{ width: 110 }}
          value={filter.status ?? 'all'}
          onChange={(v: string) =>
            setFilter({ ...filter, status: v === 'all' ? undefined : (v as PoolSpeakerStatus) })
          }
          options={[
            { value: 'all', label: '全部状态' },
            ...Object.entries(poolSpeakerStatusLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
        <Select
          aria-label="适合对象"
          style={{ width: 110 }}
          value={filter.audience ?? 'all'}
          onChange={(v: string) =>
            setFilter({ ...filter, audience: v === 'all' ? undefined : (v as AudienceType) })
          }
          options={[
            { value: 'all', label: '全部对象' },
            ...audienceTypes.map((a) => ({ value: a, label: audienceTypeLabels[a] })),
          ]}
        />
        <Input
          placeholder="宣讲专长"
          allowClear
          style={{ width: 140 }}
          aria-label="宣讲专长"
          onChange={(e) => setFilter({ ...filter, specialty: e.target.value.trim() || undefined })}
        />
      </Flex>
      <ResponsiveTable<PoolSpeakerRow>
        aria-label="宣讲员"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={pool.speakers}
        pagination={pool.speakers.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: '没有符合条件的宣讲员' }}
        data-testid="pool-speakers"
      />
      <FormModal<SpeakerDirect>
        open={adding}
        title="直接入库（如外请专家）"
        okText="入库"
        successText="已加入师资库"
        onClose={() => setAdding(false)}
        onSubmit={(v) => m.addDirect.mutateAsync({ ...v, poolId: pool.id })}
      >
        <Form.Item
          name="name"
          label="姓名"
          rules={[{ required: true, min: 2, max: 30, message: '请填写姓名（2–30 个字）' }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="gender" label="性别">
          <Select
            allowClear
            options={[
              { value: 'male', label: '男' },
              { value: 'female', label: '女' },
            ]}
          />
        </Form.Item>
        <Form.Item name="unitTitle" label="单位及职务" rules={[{ max: 80, message: '不能超过 80 个字' }]}>
          <Input placeholder="例如：焦作大学马克思主义学院 教授" maxLength={80} />
        </Form.Item>
        <Form.Item name="politicalStatus" label="政治面貌">
          <Select allowClear options={politicalStatuses.map((p) => ({ value: p, label: p }))} />
        </Form.Item>
        <Form.Item
          name="phone"
          label="联系电话"
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: '手机号应为 11 位数字，以 1 开头' }]}
        >
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
        <SpeakerFields />
      </FormModal>
      <FormModal<{ name: string; target: number | null }>
        open={editing}
        title="修改名称或目标"
        okText="保存"
        successText="已保存"
        initialValues={{ name: pool.name, target: pool.ownTarget }}
        onClose={() => setEditing(false)}
        onSubmit={(v) => m.update.mutateAsync({ id: pool.id, name: v.name, target: v.target ?? null })}
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, min: 2, max: 60, message: '请填写 2–60 个字的名称' }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="target" label="目标人数" extra="清空则按活动要求">
          <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
