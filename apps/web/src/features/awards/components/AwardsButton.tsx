import { Button } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { RoundState } from '@jiangtai/contracts';
import { useCampaign } from '../../campaigns/api.ts';

const SCORED: RoundState[] = ['closed', 'confirmed', 'publicised', 'final'];

/** On a final (or 评选) round's page once scoring has ended: the way to its awards and certificates. */
export function AwardsButton({
  round,
}: {
  round: { id: string; campaignId: string; stageKey: string; state: RoundState };
}) {
  const navigate = useNavigate();
  const { data: campaign } = useCampaign(round.campaignId);
  const kind = campaign?.settings.stages.find((s) => s.key === round.stageKey)?.kind;
  if (!SCORED.includes(round.state) || (kind !== 'final' && kind !== 'selection')) return null;
  return (
    <Button
      type="primary"
      icon={<TrophyOutlined />}
      onClick={() => void navigate(`/rounds/${round.id}/awards`)}
    >
      奖项与证书
    </Button>
  );
}
