import { Alert, Button, Card, Typography } from 'antd';
import { ArrowLeftOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { drawStatusLabels } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useDraw } from '../api.ts';
import { CommitStep } from '../components/CommitStep.tsx';
import { ContributionsCard } from '../components/ContributionsCard.tsx';
import { FinalistsCard } from '../components/FinalistsCard.tsx';
import { ManualOrderCard } from '../components/ManualOrderCard.tsx';
import { OrderList } from '../components/OrderList.tsx';
import { RevealStep } from '../components/RevealStep.tsx';

/** /rounds/:id/draw — the organiser's and supervisor's page for a live final's draw (抽签). */
export default function DrawPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: view, error, isPending, refetch } = useDraw(id);
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const record = view.record;
  const manage = view.can.manage;
  return (
    <>
      <PageHeader
        title="出场顺序抽签"
        sub={`${view.campaignTitle} · ${view.roundName}`}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/rounds/${id}`)}>
              返回评审轮次
            </Button>
            {record && (
              <Link to={`/draw/${id}`}>
                <Button icon={<SafetyCertificateOutlined />}>公开核验页</Button>
              </Link>
            )}
          </>
        }
      />
      <Alert
        type={view.status === 'revealed' || view.status === 'manual' ? 'success' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        title={drawStatusLabels[view.status]}
        description={
          record?.committedAt
            ? `承诺值 ${record.commitment} 于 ${formatDateTime(record.committedAt)} 由 ${record.committedByName} 公布`
            : '决赛选手名单在公布承诺值时随之公布并确定；在此之前选手可以退出（写明原因）。'
        }
      />

      {record?.order && (
        <Card size="small" title="出场顺序" style={{ marginBottom: 12 }}>
          {record.method === 'manual' && record.manual && (
            <Typography.Paragraph type="secondary">
              现场人工抽签，由 {record.manual.enteredByName} 于 {formatDateTime(record.manual.at)} 录入
              {record.manual.note ? `：${record.manual.note}` : ''}
            </Typography.Paragraph>
          )}
          {record.method === 'random' && (
            <Typography.Paragraph type="secondary">
              由 {record.revealedByName} 于 {formatDateTime(record.revealedAt!)}{' '}
              揭晓种子后按公开算法得出，任何人都可以在
              {/* Underlined: inside grey text the link's colour alone does not set it apart (WCAG 1.4.1). */}
              <Link to={`/draw/${id}`} style={{ textDecoration: 'underline' }}>
                公开核验页
              </Link>
              复算。
            </Typography.Paragraph>
          )}
          <OrderList order={record.order} finalists={record.finalists} withdrawn={record.withdrawn} />
        </Card>
      )}

      {view.status === 'none' && manage && <CommitStep view={view} />}
      {view.status === 'committed' && <ContributionsCard view={view} />}
      {view.status === 'committed' && manage && <RevealStep view={view} />}
      {(view.status === 'none' || view.status === 'committed') && manage && <ManualOrderCard view={view} />}
      {view.status === 'revealed' && record && record.contributions.length > 0 && (
        <ContributionsCard view={view} />
      )}

      <FinalistsCard view={view} canWithdraw={manage && view.status === 'none'} />
    </>
  );
}
