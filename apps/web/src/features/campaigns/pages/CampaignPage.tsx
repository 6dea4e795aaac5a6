import { Button, Card, Typography } from 'antd';
import { ArrowLeftOutlined, DashboardOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ACCESS, hasRole, useCurrentMe } from '../../../lib/me.ts';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { useCampaign } from '../api.ts';
import { CampaignActions } from '../components/CampaignActions.tsx';
import { CampaignStatusTag } from '../components/CampaignStatusTag.tsx';
import { CampaignTimeline } from '../components/CampaignTimeline.tsx';
import { CampaignWarnings } from '../components/CampaignWarnings.tsx';
import { SeasonCard } from '../components/SeasonCard.tsx';
import { SettingsOverview } from '../components/SettingsOverview.tsx';
import { SettingsRounds } from '../components/SettingsRounds.tsx';
import { CampaignRoundsCard } from '../../reviews/components/CampaignRoundsCard.tsx';

export default function CampaignPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useCurrentMe();
  const { data: campaign, error, isPending, refetch } = useCampaign(id);
  if (isPending) return <BlockLoading rows={10} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  return (
    <>
      <PageHeader
        title={
          <>
            {campaign.title} <CampaignStatusTag status={campaign.status} />
          </>
        }
        sub={`组织单位：${campaign.organiserOrgName}`}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/campaigns')}>
              返回
            </Button>
            {campaign.status !== 'draft' && hasRole(me, ACCESS.dashboard) && (
              <Button
                icon={<DashboardOutlined />}
                onClick={() => void navigate(`/campaigns/${campaign.id}/dashboard`)}
              >
                督查看板
              </Button>
            )}
            <CampaignActions campaign={campaign} />
          </>
        }
      />
      <CampaignWarnings warnings={campaign.warnings} />
      <Card size="small" title="活动进程" style={{ marginBottom: 12 }}>
        {campaign.timeline.length ? (
          <CampaignTimeline timeline={campaign.timeline} />
        ) : (
          <Typography.Text type="secondary">还没有设置阶段。</Typography.Text>
        )}
      </Card>
      <CampaignRoundsCard campaign={campaign} />
      <SeasonCard campaign={campaign} />
      <SettingsOverview campaign={campaign} />
      <SettingsRounds settings={campaign.settings} />
    </>
  );
}
