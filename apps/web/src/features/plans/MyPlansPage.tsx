import { Button, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { hasRole, ACCESS, useCurrentMe } from '../../lib/me.ts';
import { formatDate } from '../../lib/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../components/states.tsx';
import { useMyPlans } from './api.ts';
import { LateTag, PlanStatusTag } from './labels.tsx';

/** 宣讲计划: the plans a branch secretary files, one per running campaign; admins are pointed to the overview. */
export default function MyPlansPage() {
  const me = useCurrentMe();
  const { data, error, isPending, refetch } = useMyPlans();
  const admin = hasRole(me, ACCESS.planOverview);
  return (
    <>
      <PageHeader title="宣讲计划" sub="支部在每个活动中的微宣讲计划：填写、保存草稿、提交单位审核。" />
      {admin && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex wrap="wrap" gap={8} align="center" justify="space-between">
            <Typography.Text>查看所辖支部的填报情况，审核、提醒或代支部填写计划。</Typography.Text>
            <Link to="/plan-overview">
              <Button type="primary">计划填报情况</Button>
            </Link>
          </Flex>
        </Card>
      )}
      {isPending ? (
        <BlockLoading />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.length === 0 ? (
        admin ? null : (
          <EmptyState text="您目前不是支部书记（副书记），或所在支部没有正在进行的活动，暂无需要填报的宣讲计划。" />
        )
      ) : (
        <Flex vertical gap={12}>
          {data.map((p) => (
            <Card
              key={`${p.campaignId}-${p.branchId}`}
              size="small"
              title={p.campaignTitle}
              extra={
                <Flex gap={4}>
                  {p.late && <LateTag />}
                  <PlanStatusTag status={p.status} />
                </Flex>
              }
              data-testid="my-plan"
            >
              <Flex vertical gap={8}>
                <Typography.Text>{p.branchName}</Typography.Text>
                <Typography.Text type="secondary">
                  {p.required ? '本活动要求各支部填报宣讲计划' : '本活动不要求填报，可自愿填写'}
                  {p.dueOn ? `；${formatDate(p.dueOn)}前提交` : ''}
                </Typography.Text>
                <Link to={`/plans/${p.campaignId}/${p.branchId}`}>
                  <Button type={p.status === 'none' || p.status === 'returned' ? 'primary' : 'default'} block>
                    {p.status === 'none'
                      ? '填写计划'
                      : p.status === 'returned'
                        ? '修改后重新提交'
                        : '查看计划'}
                  </Button>
                </Link>
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
    </>
  );
}
