import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Radio, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { isContestStage, type EntryCandidate } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { apiGet, errorText, qs } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { formatDate } from '../../../lib/format.ts';
import { hasRole, useCurrentMe } from '../../../lib/me.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { useCampaign, useCampaigns } from '../../campaigns/api.ts';
import { useEntryMutations } from '../api.ts';
import { EntryFields } from '../components/EntryForm.tsx';

interface Values {
  stageKey: string;
  memberId?: string;
  title: string;
  categoryKey: string;
  outline: string;
}

/**
 * Members of the viewer's units, by name (for entering a member on their behalf). Those 创建作品 would
 * refuse are greyed out with the server's reason (same eligibility rule, same 已有作品 check).
 */
function MemberSelect({
  id,
  campaignId,
  stageKey,
  value,
  onChange,
}: {
  /** From Form.Item, so the label names this field. */
  id?: string;
  campaignId: string;
  stageKey?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim(), 300);
  const search = useQuery({
    queryKey: ['entry-candidates', campaignId, stageKey, term],
    queryFn: ({ signal }) =>
      apiGet<{ items: EntryCandidate[] }>(
        `/api/campaigns/${campaignId}/entry-candidates${qs({ stageKey, q: term })}`,
        signal,
      ),
    enabled: term.length > 0 && !!stageKey,
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入党员姓名搜索"
      loading={search.isFetching}
      notFoundContent={
        search.error
          ? errorText(search.error)
          : term
            ? search.isFetching
              ? '搜索中…'
              : '没有找到本单位的党员'
            : '请输入姓名'
      }
      optionRender={(o) => {
        const m = o.data.member;
        return (
          <Flex vertical data-testid="member-option">
            <span>
              {m.name}（{m.orgName}
              {m.positions.length ? ` · ${m.positions.join('、')}` : ''}）
            </span>
            {m.mark && (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                {m.mark}
              </Typography.Text>
            )}
          </Flex>
        );
      }}
      options={(search.data?.items ?? []).map((m) => ({
        value: m.id,
        label: `${m.name}（${m.orgName}）`,
        disabled: !m.eligible,
        title: m.mark ?? undefined,
        member: m,
      }))}
    />
  );
}

function CampaignPicker() {
  const [, setParams] = useSearchParams();
  const { data, error, isPending } = useCampaigns('published');
  if (isPending) return <BlockLoading />;
  if (error) return <ErrorState error={error} />;
  if (!data.items.length) return <EmptyState text="目前没有正在进行的活动" />;
  return (
    <Card size="small" title="选择活动">
      <Flex vertical gap={8}>
        {data.items.map((c) => (
          <Button
            key={c.id}
            block
            style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            onClick={() => setParams({ campaignId: c.id })}
          >
            {c.title}
            {c.currentStage ? `（当前：${c.currentStage.name}）` : ''}
          </Button>
        ))}
      </Flex>
    </Card>
  );
}

function NewEntryForm({ campaignId }: { campaignId: string }) {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { create } = useEntryMutations();
  const { data: campaign, error, isPending } = useCampaign(campaignId);
  const mayActForOthers = hasRole(me, ['unit_admin', 'platform_admin']);
  const [forWhom, setForWhom] = useState<'self' | 'member'>(me.memberId ? 'self' : 'member');
  const stageKey = Form.useWatch('stageKey', form);
  if (isPending) return <BlockLoading rows={6} />;
  if (error) return <ErrorState error={error} />;
  const stages = campaign.timeline.filter((s) => isContestStage(s.kind) && s.state !== 'done');
  if (!stages.length) return <EmptyState text="本活动目前没有可以报送作品的阶段" />;
  if (!me.memberId && !mayActForOthers)
    return (
      <Alert
        type="warning"
        showIcon
        title="您的账号没有关联党员信息"
        description="请联系单位管理员代为报送，或请管理员为您的账号关联党员信息。"
      />
    );
  const current = stages.find((s) => s.state === 'current') ?? stages[0]!;

  return (
    <Card size="small" title={campaign.title}>
      {campaign.settings.eligibility.note && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`参加条件：${campaign.settings.eligibility.note}`}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ stageKey: current.key, outline: '' }}
        onFinish={(values) =>
          create.mutate(
            { campaignId, ...values, memberId: forWhom === 'member' ? values.memberId : undefined },
            {
              onSuccess: (entry) => {
                void message.success('作品已创建，请上传材料后提交');
                void navigate(`/entries/${entry.id}`, { replace: true });
              },
              onError: (e) => {
                if (!applyIssues(form, e).length) void message.error(errorText(e));
              },
            },
          )
        }
      >
        <Form.Item name="stageKey" label="参加阶段" rules={[{ required: true, message: '请选择阶段' }]}>
          <Select
            options={stages.map((s) => ({
              value: s.key,
              label: `${s.name}（截止 ${formatDate(s.submissionDeadline ?? s.endsOn)}）`,
            }))}
          />
        </Form.Item>
        {mayActForOthers && (
          <Form.Item label="宣讲人">
            <Radio.Group
              value={forWhom}
              onChange={(e) => setForWhom(e.target.value as 'self' | 'member')}
              options={[
                ...(me.memberId ? [{ value: 'self', label: '本人' }] : []),
                { value: 'member', label: '为本单位党员代报' },
              ]}
            />
          </Form.Item>
        )}
        {forWhom === 'member' && (
          <Form.Item name="memberId" label="选择党员" rules={[{ required: true, message: '请选择宣讲人' }]}>
            <MemberSelect campaignId={campaignId} stageKey={stageKey} />
          </Form.Item>
        )}
        <EntryFields categories={campaign.settings.categories} />
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          创建作品
        </Button>
      </Form>
    </Card>
  );
}

export default function NewEntryPage() {
  const [params] = useSearchParams();
  const campaignId = params.get('campaignId');
  return (
    <>
      <PageHeader title="报送作品" sub="填写作品信息后创建，再上传视频、讲稿等材料并提交" />
      {campaignId ? <NewEntryForm campaignId={campaignId} /> : <CampaignPicker />}
    </>
  );
}
