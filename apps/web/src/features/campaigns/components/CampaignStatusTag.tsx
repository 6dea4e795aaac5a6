import { Tag } from 'antd';
import { campaignStatusLabels, type CampaignStatus } from '@jiangtai/contracts';
import { statusColors } from '../describe.ts';

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  return <Tag color={statusColors[status]}>{campaignStatusLabels[status]}</Tag>;
}
