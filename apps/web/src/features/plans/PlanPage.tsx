import { Alert, Card, Flex, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../components/states.tsx';
import { usePlan } from './api.ts';
import { DecisionBar } from './DecisionBar.tsx';
import { LateTag, PlanStatusTag } from './labels.tsx';
import { LineCards } from './LineCards.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { PlanHistory } from './PlanHistory.tsx';

/** One branch's 宣讲计划 for one campaign: filed by its secretary, decided by the unit, read by the organiser. */
export default function PlanPage() {
  const { campaignId = '', orgId = '' } = useParams();
  const { data: plan, error, isPending, refetch } = usePlan(campaignId, orgId);
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <PageHeader title={`${plan.branch.name} · 宣讲计划`} sub={plan.campaign.title} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex vertical gap={6}>
          <Flex gap={8} align="center" wrap>
            <span>状态：</span>
            <PlanStatusTag status={plan.status} />
            {plan.late && <LateTag />}
          </Flex>
          <Typography.Text type="secondary">
            {plan.required ? '本活动要求各支部填报宣讲计划' : '本活动不要求填报，可自愿填写'}
            {plan.dueOn ? `，${formatDate(plan.dueOn)}前提交` : ''}。活动时间{' '}
            {formatDate(plan.campaign.startsOn)} – {formatDate(plan.campaign.endsOn)}。
          </Typography.Text>
          {plan.submittedAt && (
            <Typography.Text type="secondary">提交时间：{formatDateTime(plan.submittedAt)}</Typography.Text>
          )}
          {plan.status === 'accepted' && plan.decidedByName && (
            <Typography.Text type="secondary">
              {plan.decidedByName} 于 {formatDateTime(plan.decidedAt)} 审核通过
            </Typography.Text>
          )}
        </Flex>
      </Card>
      {plan.returnReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="单位退回了计划，请修改后重新提交"
          description={`退回原因：${plan.returnReason}`}
          data-testid="plan-return-reason"
        />
      )}
      {plan.canEdit ? (
        <PlanEditor key={plan.status} plan={plan} campaignId={campaignId} orgId={orgId} />
      ) : plan.lines.length ? (
        <LineCards plan={plan} lines={plan.lines} />
      ) : (
        <Card size="small">
          <Typography.Text type="secondary">支部还没有填写宣讲计划。</Typography.Text>
        </Card>
      )}
      <DecisionBar plan={plan} campaignId={campaignId} orgId={orgId} />
      <PlanHistory plan={plan} />
    </>
  );
}
