import { useState } from 'react';
import { Alert, Button, Card, Form } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { isContestStage, runByLevelLabels } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useMe } from '../../../lib/me.ts';
import { useCampaign } from '../../campaigns/api.ts';
import { useCreateRound, useRoundDefaults } from '../api.ts';
import {
  RoundConfigForm,
  fromFormValues,
  roundConfigFields,
  toFormValues,
  type RoundConfigValues,
} from '../components/RoundConfigForm.tsx';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';

/** /rounds/new?campaignId=…&stageKey=…&scopeOrgId=… — open a review round for a contest stage. */
export default function NewRoundPage() {
  const [params] = useSearchParams();
  const campaignId = params.get('campaignId') ?? '';
  const stageKey = params.get('stageKey') ?? '';
  const scopeFromUrl = params.get('scopeOrgId') || undefined;
  const navigate = useNavigate();
  const campaign = useCampaign(campaignId);
  const me = useMe();
  const scopeName = me.data?.grants.find((g) => g.orgId === scopeFromUrl)?.orgName;
  const defaults = useRoundDefaults(campaignId, stageKey, scopeFromUrl);
  const create = useCreateRound(campaignId);
  const [form] = Form.useForm<RoundConfigValues>();
  const [scopeOrgId, setScopeOrgId] = useState<string | undefined>(scopeFromUrl);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const back = () => void navigate(campaignId ? `/campaigns/${campaignId}` : '/campaigns');

  if (!campaignId || !stageKey)
    return <Alert type="warning" showIcon title="缺少活动或阶段，请从活动页面的「评审轮次」中开启评审" />;
  if (campaign.isPending || defaults.isPending) return <BlockLoading rows={10} />;
  if (campaign.error) return <ErrorState error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (defaults.error) return <ErrorState error={defaults.error} onRetry={() => void defaults.refetch()} />;

  const stage = campaign.data.settings.stages.find((s) => s.key === stageKey);
  const unitRun = !!stage && isContestStage(stage.kind) && stage.runBy !== 'city';

  const submit = (values: RoundConfigValues) => {
    setProblem(null);
    create.mutate(
      { ...fromFormValues(values), stageKey, ...(scopeOrgId ? { scopeOrgId } : {}) },
      {
        onSuccess: (detail) => void navigate(`/rounds/${detail.round.id}`),
        onError: (e) => {
          const unmatched = applyIssues(form, e, roundConfigFields);
          const fieldsOnly = e instanceof ApiError && e.issues.length > 0 && unmatched.length === 0;
          setProblem({ text: fieldsOnly ? '请按提示修改后再提交' : errorText(e), issues: unmatched });
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title={`开启${stage?.name ?? ''}评审`}
        sub={`活动：${campaign.data.title}`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            返回
          </Button>
        }
      />
      <Card size="small">
        <ProblemAlert problem={problem} />
        <RoundConfigForm
          form={form}
          initial={toFormValues(defaults.data, defaults.data.liveDefaults)}
          onFinish={submit}
          submitting={create.isPending}
          submitText="开启评审"
          onCancel={back}
          extraTop={
            unitRun ? (
              <Form.Item
                label="评审单位"
                extra={`本阶段由${runByLevelLabels[stage.runBy]}组织评审；不选则按整个活动评审（仅活动组织者可以）。`}
              >
                <OrgSearchSelect
                  value={scopeOrgId}
                  onChange={(v) => setScopeOrgId(v)}
                  allowClear
                  initialLabel={scopeFromUrl ? (scopeName ?? '本单位') : undefined}
                  aria-label="评审单位"
                  style={{ maxWidth: 360 }}
                />
              </Form.Item>
            ) : undefined
          }
        />
      </Card>
    </>
  );
}
