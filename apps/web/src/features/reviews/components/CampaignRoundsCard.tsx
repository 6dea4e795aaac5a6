import { Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { isContestStage, type CampaignDetail } from '@jiangtai/contracts';
import { ErrorState } from '../../../components/states.tsx';
import { qs } from '../../../lib/api.ts';
import { useCampaignRounds, type Round } from '../api.ts';
import { RoundStateTag } from './RoundStateTag.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

/** "1.5.23." → "23": the org id at the end of a materialised path. */
const orgIdOfPath = (path: string) => path.split('.').filter(Boolean).pop();

/** The campaign's review rounds, and a button to open one for each contest stage. */
export function CampaignRoundsCard({ campaign }: { campaign: CampaignDetail }) {
  const navigate = useNavigate();
  const { data, error, isPending, refetch } = useCampaignRounds(campaign.id);
  const stages = campaign.settings.stages.filter((s) => isContestStage(s.kind));
  const unitScopeId = data?.unitScopes.length ? orgIdOfPath(data.unitScopes[0]!) : undefined;

  const openLinks = data
    ? stages.flatMap((s) => {
        const link = (scopeOrgId?: string) =>
          `/rounds/new${qs({ campaignId: campaign.id, stageKey: s.key, scopeOrgId })}`;
        const has = (scope: string) => data.items.some((r) => r.stageKey === s.key && r.scopeOrgId === scope);
        if (data.canOpenCityRound) {
          if (has(campaign.organiserOrgId) && s.runBy === 'city') return [];
          return [{ key: s.key, name: s.name, to: link() }];
        }
        if (s.runBy !== 'city' && unitScopeId && !has(unitScopeId))
          return [{ key: s.key, name: s.name, to: link(unitScopeId) }];
        return [];
      })
    : [];

  return (
    <Card size="small" title="评审轮次" style={{ marginBottom: 12 }}>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <ResponsiveTable<Round>
            aria-label="评审轮次"
            size="small"
            rowKey="id"
            loading={isPending}
            pagination={false}
            dataSource={data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '还没有开启评审' }}
            columns={[
              {
                title: '轮次',
                key: 'name',
                render: (_: unknown, r) => <Link to={`/rounds/${r.id}`}>{r.config.name}</Link>,
              },
              { title: '阶段', dataIndex: 'stageName' },
              { title: '范围', dataIndex: 'scopeOrgName' },
              {
                title: '状态',
                key: 'state',
                card: 'extra',
                render: (_: unknown, r) => <RoundStateTag state={r.state} />,
              },
            ]}
          />
          {openLinks.length > 0 && (
            <Flex wrap gap={8} style={{ marginTop: 12 }}>
              {openLinks.map((l) => (
                <Button key={l.key} icon={<PlusOutlined />} onClick={() => void navigate(l.to)}>
                  开启{l.name}评审
                </Button>
              ))}
            </Flex>
          )}
          {stages.length === 0 && (
            <Typography.Text type="secondary">
              本活动没有初赛、复赛、决赛或评选阶段，无需评审。
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}
