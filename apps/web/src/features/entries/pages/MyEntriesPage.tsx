import { Button, Card, Flex, List, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { hasRole, useCurrentMe } from '../../../lib/me.ts';
import { useCampaigns } from '../../campaigns/api.ts';
import { formatDeadline, useCampaignEntries, useMyEntries } from '../api.ts';
import { CompletenessTags } from '../components/CompletenessTags.tsx';
import { EntryStateTag } from '../components/EntryStateTag.tsx';

const ENTRY_ADMIN_ROLES = ['platform_admin', 'organiser', 'unit_admin'] as const;
/** Who may enter a member's work on their behalf (the server's canAdministerUnit). */
const ON_BEHALF_ROLES = ['platform_admin', 'unit_admin'] as const;

function MyEntries() {
  const { data, error, isPending, refetch } = useMyEntries();
  if (isPending) return <BlockLoading />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data.items.length) return <EmptyState text="您还没有报送作品" />;
  return (
    <List
      dataSource={data.items}
      renderItem={(e) => (
        <List.Item key={e.id}>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Flex gap={8} align="center" wrap="wrap">
              <Link to={`/entries/${e.id}`}>
                <Typography.Text strong>{e.title}</Typography.Text>
              </Link>
              <EntryStateTag state={e.state} />
            </Flex>
            <Typography.Text type="secondary">
              {e.campaignTitle} · {e.stageName} · {e.categoryName} · 截止 {formatDeadline(e.deadline)}
            </Typography.Text>
            {e.state === 'returned' && e.returnReason && (
              <Typography.Text type="warning">退回原因：{e.returnReason}</Typography.Text>
            )}
            <CompletenessTags completeness={e.completeness} />
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** One campaign's entries within this admin's scope (the server narrows the list to their units). */
function CampaignEntries({ campaignId }: { campaignId: string }) {
  const { data, error, isPending } = useCampaignEntries(campaignId, {});
  if (isPending) return <BlockLoading rows={1} />;
  if (error) return <ErrorState error={error} />;
  if (!data.items.length) return <Typography.Text type="secondary">本单位还没有报送作品</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={data.items}
      renderItem={(e) => (
        <List.Item key={e.id}>
          <Flex gap={8} align="center" wrap="wrap">
            <Link to={`/entries/${e.id}`}>{e.title}</Link>
            <Typography.Text type="secondary">
              {e.speakerName} · {e.unitName} · {e.stageName}
            </Typography.Text>
            <EntryStateTag state={e.state} />
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** Published campaigns whose entries this admin reviews, each with the entries of their units. */
function ManagedCampaigns({ showEntries }: { showEntries: boolean }) {
  const { data, error, isPending } = useCampaigns('published');
  if (isPending) return <BlockLoading rows={2} />;
  if (error) return <ErrorState error={error} />;
  if (!data.items.length) return <EmptyState text="目前没有进行中的活动" />;
  return (
    <Flex vertical gap={16}>
      {data.items.map((c) => (
        <section key={c.id} aria-label={c.title}>
          <Flex justify="space-between" align="baseline" wrap="wrap" gap={8}>
            <Typography.Text strong>{c.title}</Typography.Text>
            <Link to={`/campaigns/${c.id}/entries`}>审核与推荐</Link>
          </Flex>
          <Typography.Text type="secondary">
            {c.currentStage ? `当前阶段：${c.currentStage.name}` : c.organiserOrgName}
          </Typography.Text>
          {showEntries && <CampaignEntries campaignId={c.id} />}
        </section>
      ))}
    </Flex>
  );
}

export default function MyEntriesPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const admin = hasRole(me, ENTRY_ADMIN_ROLES);
  const onBehalf = hasRole(me, ON_BEHALF_ROLES);
  return (
    <>
      <PageHeader
        title="作品报送"
        extra={
          (me.memberId || onBehalf) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/entries/new')}>
              {me.memberId ? '报送作品' : '代为报送'}
            </Button>
          )
        }
      />
      <Flex vertical gap={12}>
        {admin && (
          <Card
            size="small"
            title={hasRole(me, ['unit_admin']) ? '本单位的作品（按活动）' : '审核与推荐（按活动）'}
          >
            <ManagedCampaigns showEntries={hasRole(me, ['unit_admin'])} />
          </Card>
        )}
        {(me.memberId || !admin) && (
          <Card size="small" title="我的作品">
            {me.memberId ? (
              <MyEntries />
            ) : (
              <EmptyState text="您的账号没有关联党员信息，无法以本人名义报送；请联系单位管理员" />
            )}
          </Card>
        )}
      </Flex>
    </>
  );
}
