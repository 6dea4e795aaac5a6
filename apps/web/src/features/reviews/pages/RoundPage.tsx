import { Button, Card, Col, Progress, Row, Space, Statistic, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTabs } from '../../../components/ResponsiveTabs.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { useRound, type RoundDetail } from '../api.ts';
import { EntriesTab } from '../components/EntriesTab.tsx';
import { PanelTab } from '../components/PanelTab.tsx';
import { PublicityTab } from '../components/PublicityTab.tsx';
import { ResultsTab } from '../components/ResultsTab.tsx';
import { RoundStateTag } from '../components/RoundStateTag.tsx';
import { SettingsTab } from '../components/SettingsTab.tsx';
import { SupervisionTab } from '../components/SupervisionTab.tsx';
import { DrawLink } from '../../live-draw/DrawLink.tsx';
import { AwardsButton } from '../../awards/components/AwardsButton.tsx';

function ProgressCard({ detail }: { detail: RoundDetail }) {
  const p = detail.progress;
  const percent = p.assigned ? Math.floor((p.submitted / p.assigned) * 100) : 0;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Row gutter={[16, 12]} align="middle">
        <Col xs={12} sm={6}>
          <Statistic title="作品" value={p.entries} suffix="件" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="评委" value={detail.panel.filter((j) => j.active).length} suffix="位" />
        </Col>
        <Col xs={24} sm={12}>
          <Typography.Text type="secondary">
            评分进度：已提交 {p.submitted} / 已分配 {p.assigned}
          </Typography.Text>
          <Progress percent={percent} aria-label="评分进度" status={percent === 100 ? 'success' : 'active'} />
          {p.underAssigned > 0 && (
            <Typography.Text type="warning">
              {p.underAssigned} 件作品评委不足 {detail.round.config.judgesPerEntry} 位
            </Typography.Text>
          )}
        </Col>
      </Row>
    </Card>
  );
}

const tabKeys = ['entries', 'panel', 'results', 'publicity', 'supervision', 'settings'] as const;
type TabKey = (typeof tabKeys)[number];

/** /rounds/:id — one review round: entries and assignment, panel, results, 公示, supervision, settings. */
export default function RoundPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { data: detail, error, isPending, refetch } = useRound(id);
  if (isPending) return <BlockLoading rows={10} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const r = detail.round;
  const fromUrl = params.get('tab') as TabKey | null;
  const fallback: TabKey = detail.canManage && r.state === 'open' ? 'entries' : 'results';
  const active: TabKey = fromUrl && tabKeys.includes(fromUrl) ? fromUrl : fallback;

  return (
    <>
      <PageHeader
        title={
          <>
            {r.config.name} <RoundStateTag state={r.state} />
          </>
        }
        sub={`${r.campaignTitle} · ${r.stageName} · ${r.scopeOrgName}`}
        extra={
          <Space wrap>
            {r.config.live && detail.canManage ? (
              <Button type="primary" onClick={() => void navigate(`/live/${r.id}`)}>
                主持人控制台
              </Button>
            ) : null}
            {r.config.live && (detail.canManage || detail.canSupervise) ? (
              <Button onClick={() => void navigate(`/live/${r.id}/supervise`)}>现场监督</Button>
            ) : null}
            <DrawLink round={r} allowed={detail.canManage || detail.canSupervise} />
            <AwardsButton round={r} />
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/campaigns/${r.campaignId}`)}>
              返回活动
            </Button>
          </Space>
        }
      />
      <ProgressCard detail={detail} />
      <ResponsiveTabs
        activeKey={active}
        onChange={(k) => setParams((p) => ({ ...Object.fromEntries(p), tab: k }), { replace: true })}
        destroyOnHidden
        items={[
          { key: 'entries', label: '作品与分配', children: <EntriesTab detail={detail} /> },
          { key: 'panel', label: '评委组', children: <PanelTab detail={detail} /> },
          { key: 'results', label: '评分结果', children: <ResultsTab detail={detail} /> },
          { key: 'publicity', label: '公示与异议', children: <PublicityTab detail={detail} /> },
          { key: 'supervision', label: '监督', children: <SupervisionTab detail={detail} /> },
          { key: 'settings', label: '设置', children: <SettingsTab detail={detail} /> },
        ]}
      />
    </>
  );
}
