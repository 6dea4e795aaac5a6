import { useState } from 'react';
import { Button, Card, Flex, Form, Input, InputNumber, List, Space, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { PoolCreate, PoolSummary } from '@jiangtai/contracts';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { hasRole, useCurrentMe } from '../../../lib/me.ts';
import { usePoolMutations, usePools } from '../api.ts';
import { FormModal } from '../components/FormModal.tsx';
import { PoolBar } from '../components/PoolBar.tsx';

/** 师资库: the pools in the viewer's scope, each with its size against its target. */
export default function PoolsPage() {
  const me = useCurrentMe();
  const { data, error, isPending, refetch } = usePools();
  const [creating, setCreating] = useState(false);
  const m = usePoolMutations();
  const navigate = useNavigate();
  const mayCreate = hasRole(me, ['organiser', 'unit_admin', 'platform_admin']);
  const overview = hasRole(me, ['organiser', 'unit_admin', 'platform_admin', 'supervisor']);
  return (
    <>
      <PageHeader
        title="师资库"
        sub="微型党课宣讲员师资库：比赛推选、单位推荐、直接入库"
        extra={
          <Space wrap>
            {overview && <Link to="/pools/overview">各级建库进度</Link>}
            {mayCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                建立师资库
              </Button>
            )}
          </Space>
        }
      />
      {isPending ? (
        <BlockLoading rows={6} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.pools.length === 0 ? (
        <EmptyState text="您的范围内还没有师资库" />
      ) : (
        <List<PoolSummary>
          grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 3 }}
          dataSource={data.pools}
          renderItem={(p) => (
            <List.Item key={p.id}>
              <Link to={`/pools/${p.id}`} aria-label={p.name}>
                <Card hoverable size="small">
                  <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8 }}>
                    <Typography.Text strong>{p.name}</Typography.Text>
                    <RightOutlined />
                  </Flex>
                  <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
                    {p.org.name}
                    {p.targetSource === 'campaign' && '（目标按活动要求）'}
                  </Typography.Text>
                  <PoolBar active={p.active} target={p.target} size="small" />
                  {p.manages && p.nominated > 0 && <Tag color="gold">待审核推荐 {p.nominated} 人</Tag>}
                </Card>
              </Link>
            </List.Item>
          )}
        />
      )}
      <FormModal<PoolCreate>
        open={creating}
        title="建立师资库"
        okText="建立"
        successText="已建立师资库"
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const pool = await m.create.mutateAsync({ ...v, target: v.target ?? null });
          void navigate(`/pools/${pool.id}`);
        }}
      >
        <Form.Item
          name="orgId"
          label="所属组织"
          rules={[{ required: true, message: '请选择组织（市、县市区或单位）' }]}
        >
          <OrgSearchSelect placeholder="输入组织名称搜索" />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, min: 2, max: 60, message: '请填写 2–60 个字的名称' }]}
        >
          <Input placeholder="例如：某某县微型党课宣讲员师资库" maxLength={60} />
        </Form.Item>
        <Form.Item name="target" label="目标人数" extra="不填时按活动要求（如每个县市区 20 人以上）">
          <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
