import { Button, Card, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ACCESS, hasRole, useCurrentMe } from '../../../lib/me.ts';

/**
 * The branch's season of a published campaign (宣讲计划, 人人上讲台), one tap from the campaign page
 * for those who follow it: admins, organisers and supervisors. Secretaries reach their own branch
 * through the menu.
 */
export function SeasonCard({ campaign }: { campaign: { id: string; status: string } }) {
  const me = useCurrentMe();
  const navigate = useNavigate();
  if (campaign.status !== 'published' || !hasRole(me, ACCESS.planOverview)) return null;
  return (
    <Card size="small" title="支部宣讲" style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        各支部的宣讲计划、在“三会一课”和主题党日中的宣讲记录，党员人人上讲台的覆盖情况，以及本单位的活动档案。
      </Typography.Paragraph>
      <Space wrap>
        <Button onClick={() => void navigate(`/plan-overview?campaign=${campaign.id}`)}>计划填报情况</Button>
        <Button onClick={() => void navigate(`/campaigns/${campaign.id}/coverage`)}>
          人人上讲台覆盖情况
        </Button>
        <Button onClick={() => void navigate(`/archive?campaign=${campaign.id}`)}>活动档案</Button>
      </Space>
    </Card>
  );
}
