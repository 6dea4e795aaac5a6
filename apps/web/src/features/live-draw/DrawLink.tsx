import { Button } from 'antd';
import { OrderedListOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useCampaign } from '../campaigns/api.ts';

/** The round page's way to the draw: shown on a final (决赛) to those who manage or supervise it. */
export function DrawLink({
  round,
  allowed,
}: {
  round: { id: string; campaignId: string; stageKey: string };
  allowed: boolean;
}) {
  const { data } = useCampaign(round.campaignId);
  const kind = data?.settings.stages.find((s) => s.key === round.stageKey)?.kind;
  if (!allowed || kind !== 'final') return null;
  return (
    <Link to={`/rounds/${round.id}/draw`}>
      <Button icon={<OrderedListOutlined />}>出场抽签</Button>
    </Link>
  );
}
