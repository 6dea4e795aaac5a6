import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Flex, Form, Result } from 'antd';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import {
  validateCampaignSettings,
  type CampaignDetail,
  type CampaignSettings,
  type SettingsIssue,
} from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { issuePath } from '../../../lib/forms.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { useCampaign, useCampaignMutations } from '../api.ts';
import { AwardsSection } from '../edit/AwardsSection.tsx';
import { BasicsSection } from '../edit/BasicsSection.tsx';
import { CategoriesSection } from '../edit/CategoriesSection.tsx';
import { EligibilitySection } from '../edit/EligibilitySection.tsx';
import { IssueSummary } from '../edit/IssueSummary.tsx';
import { LecturePlanSection } from '../edit/LecturePlanSection.tsx';
import { MediaSpecSection } from '../edit/MediaSpecSection.tsx';
import { RoundRulesSection } from '../edit/RoundRulesSection.tsx';
import { RubricsSection } from '../edit/RubricsSection.tsx';
import { StagesSection } from '../edit/StagesSection.tsx';

function SettingsForm({ campaign }: { campaign: CampaignDetail }) {
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { save } = useCampaignMutations();
  const [issues, setIssues] = useState<SettingsIssue[]>([]);
  const [detail, setDetail] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const shownPaths = useRef<string[]>([]);
  const topRef = useRef<HTMLDivElement>(null);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '放弃未保存的修改？',
      content: '离开此页面后，刚才的修改不会保存。',
      okText: '离开',
      cancelText: '留下继续编辑',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /** Puts each problem beside its field (Form.List names equal the issue paths) and lists them all on top. */
  const showIssues = (list: SettingsIssue[], summary: string | null, scroll = true) => {
    const byPath = new Map<string, string[]>();
    for (const i of list) byPath.set(i.path, [...(byPath.get(i.path) ?? []), i.message]);
    form.setFields([
      ...shownPaths.current.filter((p) => !byPath.has(p)).map((p) => ({ name: issuePath(p), errors: [] })),
      ...[...byPath].map(([p, errors]) => ({ name: issuePath(p), errors })),
    ]);
    shownPaths.current = [...byPath.keys()];
    setIssues(list);
    setDetail(summary);
    if (scroll && (list.length || summary))
      topRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  /** After a failed save, the list follows every edit, so fixed problems disappear at once. */
  const recheck = () => {
    if (issues.length === 0) return;
    const result = validateCampaignSettings(form.getFieldsValue(true));
    showIssues(result.success ? [] : result.issues, null, false);
  };

  const onSave = async () => {
    const values = form.getFieldsValue(true) as CampaignSettings;
    const local = validateCampaignSettings(values);
    if (!local.success) return showIssues(local.issues, null);
    try {
      await save.mutateAsync({ id: campaign.id, settings: local.data, updatedAt: campaign.updatedAt });
      showIssues([], null);
      setDirty(false);
      message.success('活动设置已保存');
      setTimeout(() => void navigate(`/campaigns/${campaign.id}`), 0);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) showIssues(err.issues, err.detail);
      else showIssues([], errorText(err));
    }
  };

  const jump = (path: (string | number)[]) =>
    form.scrollToField(path, { behavior: 'smooth', block: 'center', focus: true });

  return (
    <>
      <div ref={topRef} style={{ scrollMarginTop: 72 }} />
      <IssueSummary issues={issues} detail={detail} onJump={jump} />
      <Form
        form={form}
        layout="vertical"
        initialValues={structuredClone(campaign.settings)}
        onValuesChange={() => {
          setDirty(true);
          recheck();
        }}
        aria-label="活动设置"
      >
        <BasicsSection participatingOrgs={campaign.participatingOrgs} />
        <CategoriesSection />
        <EligibilitySection />
        <MediaSpecSection />
        <StagesSection />
        <RubricsSection />
        <RoundRulesSection />
        <AwardsSection />
        <LecturePlanSection />
        <Card
          size="small"
          style={{ position: 'sticky', bottom: 0, zIndex: 5, boxShadow: '0 -2px 8px rgba(0,0,0,0.08)' }}
        >
          <Flex gap={8} wrap justify="flex-end">
            <Button onClick={() => void navigate(`/campaigns/${campaign.id}`)}>取消</Button>
            {/* Not a submit button: Enter in a field (e.g. to confirm a typed date) must not save the whole form. */}
            <Button type="primary" loading={save.isPending} onClick={() => void onSave()}>
              保存
            </Button>
          </Flex>
        </Card>
      </Form>
    </>
  );
}

export default function CampaignEditPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: campaign, error, isPending, refetch } = useCampaign(id);
  if (isPending) return <BlockLoading rows={12} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!campaign.canEdit || campaign.status === 'closed') {
    return (
      <Result
        status="warning"
        title={campaign.status === 'closed' ? '活动已结束，不能再修改设置' : '您不能修改此活动的设置'}
        extra={<Button onClick={() => void navigate(`/campaigns/${campaign.id}`)}>查看活动</Button>}
      />
    );
  }
  return (
    <>
      <PageHeader
        title={`编辑：${campaign.title}`}
        sub="修改后点击页面底部的「保存」；有误的地方会在字段旁标出。"
      />
      <SettingsForm key={campaign.updatedAt} campaign={campaign} />
    </>
  );
}
