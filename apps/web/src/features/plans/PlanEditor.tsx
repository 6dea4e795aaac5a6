import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Modal, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { PlanDetail, PlanLineInput } from '@jiangtai/contracts';
import { ApiError } from '../../lib/api.ts';
import { browserKey, usePlanMutations } from './api.ts';
import { LineCards } from './LineCards.tsx';
import { LineForm } from './LineForm.tsx';

const toInput = (l: PlanDetail['lines'][number]): PlanLineInput => ({
  key: l.key,
  month: l.month,
  topic: l.topic,
  categoryKey: l.categoryKey,
  speakerMemberId: l.speakerMemberId,
  guestSpeakerName: l.guestSpeakerName,
  occasion: l.occasion,
});
const same = (a: PlanLineInput[], b: PlanLineInput[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The secretary's (or unit admin's) working copy of the plan. Nothing is lost when a save fails: the
 * lines stay on the page, and the save's key is kept until it succeeds, so pressing 保存 again after a
 * dropped connection is answered once by the server even if the first attempt did arrive.
 */
export function PlanEditor({
  plan,
  campaignId,
  orgId,
}: {
  plan: PlanDetail;
  campaignId: string;
  orgId: string;
}) {
  const { message } = App.useApp();
  const { save, submit } = usePlanMutations(campaignId, orgId);
  const [lines, setLines] = useState<PlanLineInput[]>(() => plan.lines.map(toInput));
  const latest = useRef(lines);
  useEffect(() => {
    latest.current = lines;
  }, [lines]);
  const [dirty, setDirty] = useState(false);
  const [failure, setFailure] = useState<{ text: string; issues: string[] } | null>(null);
  const [editing, setEditing] = useState<{ index: number | null } | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const pendingKey = useRef<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = (next: PlanLineInput[]) => {
    setLines(next);
    setDirty(true);
  };

  const doSave = async (why?: string): Promise<PlanDetail | null> => {
    pendingKey.current ??= browserKey();
    const sent = lines;
    try {
      const saved = await save.mutateAsync({
        saveKey: pendingKey.current,
        version: plan.version,
        lines: sent,
        reason: why,
      });
      pendingKey.current = null;
      setFailure(null);
      // Lines changed while the save was on its way stay to be saved.
      setDirty(!same(latest.current, sent));
      return saved;
    } catch (err) {
      const refused = err instanceof ApiError && err.status >= 400 && err.status < 500;
      setFailure({
        text: refused
          ? `保存失败：${err.detail}`
          : '保存失败，请重试。您填写的内容仍保留在页面上，网络恢复后再点「保存」即可。',
        issues: err instanceof ApiError ? err.issues.map((i) => i.message) : [],
      });
      return null;
    }
  };

  const needsReason = plan.status === 'accepted';
  const onSave = async () => {
    if (needsReason) return setAsking(true);
    if (await doSave()) message.success('已保存');
  };
  const onSubmit = async () => {
    const saved = dirty || plan.version === null ? await doSave() : plan;
    if (!saved?.version) return;
    try {
      await submit.mutateAsync(saved.version);
      message.success('已提交，等待单位审核');
    } catch (err) {
      setFailure({ text: `提交失败：${err instanceof ApiError ? err.detail : '请重试'}`, issues: [] });
    }
  };
  const canSubmit = plan.status === 'none' || plan.status === 'draft' || plan.status === 'returned';

  return (
    <>
      {lines.length === 0 ? (
        <Card size="small">
          <Typography.Text type="secondary">
            还没有宣讲安排。点「添加宣讲安排」填写每月由谁、在什么场合讲什么。
          </Typography.Text>
        </Card>
      ) : (
        <LineCards
          plan={plan}
          lines={lines}
          onEdit={(index) => setEditing({ index })}
          onRemove={(index) => change(lines.filter((_, i) => i !== index))}
        />
      )}
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => setEditing({ index: null })}
      >
        添加宣讲安排
      </Button>
      {failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={failure.text}
          description={failure.issues.length > 1 ? failure.issues.join('；') : undefined}
          data-testid="plan-failure"
        />
      )}
      <Card
        size="small"
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 5,
          marginTop: 12,
          boxShadow: '0 -2px 8px rgba(0,0,0,0.08)',
        }}
      >
        <Flex gap={8} wrap justify="flex-end" align="center">
          {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
          <Button
            loading={save.isPending}
            disabled={!dirty && plan.version !== null}
            onClick={() => void onSave()}
          >
            {canSubmit ? '保存草稿' : '保存修改'}
          </Button>
          {canSubmit && (
            <Button
              type="primary"
              loading={submit.isPending}
              disabled={lines.length === 0}
              onClick={() => void onSubmit()}
            >
              提交
            </Button>
          )}
        </Flex>
      </Card>
      <LineForm
        plan={plan}
        open={editing !== null}
        line={editing?.index != null ? (lines[editing.index] ?? null) : null}
        onCancel={() => setEditing(null)}
        onDone={(line) => {
          const i = editing?.index;
          change(i == null ? [...lines, line] : lines.map((l, j) => (j === i ? line : l)));
          setEditing(null);
        }}
      />
      <Modal
        title="修改已通过的计划"
        open={asking}
        okText="保存修改"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim().length < 2, loading: save.isPending }}
        onCancel={() => setAsking(false)}
        onOk={async () => {
          if (await doSave(reason.trim())) {
            setAsking(false);
            setReason('');
            message.success('已保存，修改记录已留存；计划将重新交单位审核');
          }
        }}
      >
        <Typography.Paragraph>计划已通过单位审核，修改需说明原因，并留下修改记录。</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="如：王书记八月外出学习，改到九月"
          aria-label="修改原因"
        />
      </Modal>
    </>
  );
}
