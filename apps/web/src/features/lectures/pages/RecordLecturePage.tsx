import { useState } from 'react';
import { App, Card, Flex, Radio, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { hasRole, useCurrentMe } from '../../../lib/me.ts';
import { useLectureForm, useLectureMutations, useLedBranches } from '../api.ts';
import { LectureForm, toFields } from '../components/LectureForm.tsx';
import { newClientKey } from '../useDraft.ts';

function BranchForm({ orgId }: { orgId: string }) {
  const options = useLectureForm(orgId);
  const m = useLectureMutations();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [clientKey] = useState(newClientKey);
  if (options.isPending) return <BlockLoading rows={6} />;
  if (options.error) return <ErrorState error={options.error} onRetry={() => void options.refetch()} />;
  if (!options.data.campaigns.length)
    return <EmptyState text={`${options.data.branch.name}目前没有正在进行的宣讲活动`} />;
  return (
    <LectureForm
      key={orgId}
      options={options.data}
      mode="create"
      draftKey={`jt-lecture-draft-${orgId}`}
      clientKey={clientKey}
      submitText="提交宣讲记录"
      onSubmit={async (v, files, key) => {
        const saved = await m.create.mutateAsync({
          ...toFields(v, files),
          campaignId: v.campaignId,
          orgId,
          clientKey: key,
        });
        void message.success('宣讲记录已提交，等待上级单位确认');
        void navigate(`/lectures/${saved.id}`, { replace: true });
      }}
    />
  );
}

/**
 * 记录宣讲: the secretary's own branch straight away (a choice when they lead two); an admin over
 * branches picks the branch they record for.
 */
export default function RecordLecturePage() {
  const me = useCurrentMe();
  const [params, setParams] = useSearchParams();
  const branches = useLedBranches();
  const [picked, setPicked] = useState<string | undefined>();
  const led = branches.data?.items ?? [];
  const orgId = params.get('orgId') ?? (led.length === 1 ? led[0]!.orgId : null) ?? picked ?? null;
  const admin = hasRole(me, ['unit_admin', 'platform_admin']);
  const branchName = led.find((b) => b.orgId === orgId)?.orgName;
  return (
    <>
      <PageHeader title="记录宣讲" sub={branchName} />
      <Flex vertical gap={12} style={{ maxWidth: 640 }}>
        {branches.isPending ? (
          <BlockLoading rows={2} />
        ) : !orgId ? (
          <Card size="small" title="为哪个支部登记">
            {led.length > 1 && (
              <Radio.Group
                options={led.map((b) => ({ value: b.orgId, label: b.orgName }))}
                onChange={(e) => setParams({ orgId: String(e.target.value) })}
              />
            )}
            {admin ? (
              <OrgSearchSelect
                value={picked}
                onChange={(v) => setPicked(v)}
                placeholder="输入支部名称搜索"
                style={{ width: '100%' }}
              />
            ) : (
              led.length === 0 && (
                <Typography.Text type="secondary">
                  只有支部书记、副书记或上级单位管理员可以登记宣讲记录。
                </Typography.Text>
              )
            )}
          </Card>
        ) : (
          <BranchForm orgId={orgId} />
        )}
      </Flex>
    </>
  );
}
