import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, InputNumber, Tag, Typography } from 'antd';
import type { RubricCriterion } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { useJudgeView, type JudgeSpeaker } from '../api.ts';
import {
  backoffMs,
  clearDraft,
  loadDraft,
  loadQueue,
  newScoreKey,
  saveDraft,
  saveQueue,
  sendOne,
  type QueuedScore,
} from '../score-queue.ts';
import { RehearsalBanner } from '../components/RehearsalBanner.tsx';

/** Sums in hundredths, so 38.5 + 27.25 shows as 65.75. */
const sum = (values: readonly (number | null | undefined)[]) =>
  values.reduce<number>(
    (s, v) => (typeof v === 'number' && Number.isFinite(v) ? s + Math.round(v * 100) : s),
    0,
  ) / 100;

/**
 * The outbox: scores are kept on the phone until the server acknowledges them, retried with backoff,
 * and restored after a reload.
 */
function useScoreQueue(roundId: string, onSent: () => void) {
  const [items, setItems] = useState<QueuedScore[]>(() => loadQueue(roundId));
  const itemsRef = useRef(items);
  const busy = useRef(false);
  // Kept in a ref: the page re-renders on every poll, and the retry timer must not restart with it.
  const sentRef = useRef(onSent);
  useEffect(() => {
    sentRef.current = onSent;
  });
  const update = useCallback(
    (next: QueuedScore[]) => {
      itemsRef.current = next;
      saveQueue(roundId, next);
      setItems(next);
    },
    [roundId],
  );

  const flush = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      for (const item of itemsRef.current.filter((i) => i.status === 'pending')) {
        const done = await sendOne(item);
        update(itemsRef.current.map((i) => (i.key === item.key ? done : i)));
        if (done.status === 'sent') sentRef.current();
      }
    } finally {
      busy.current = false;
    }
  }, [update]);

  // Retry pending scores with backoff (and at once when the network comes back).
  useEffect(() => {
    const pending = items.filter((i) => i.status === 'pending');
    if (!pending.length) return;
    const wait = Math.min(...pending.map((i) => (i.attempts === 0 ? 0 : backoffMs(i.attempts))));
    const timer = window.setTimeout(() => void flush(), wait);
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('online', online);
    };
  }, [items, flush]);

  const add = (item: QueuedScore) => update([...itemsRef.current, item]);
  const dismiss = (key: string) => update(itemsRef.current.filter((i) => i.key !== key));
  return { items, add, dismiss };
}

function CriterionInput({
  c,
  value,
  onChange,
}: {
  c: RubricCriterion;
  value: number | null;
  onChange: (v: number | null) => void;
}) {
  return (
    <div>
      <Flex justify="space-between" align="baseline" gap={8}>
        <Typography.Text strong>{c.name}</Typography.Text>
        <Typography.Text type="secondary">满分 {c.max}</Typography.Text>
      </Flex>
      {c.description ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 6, fontSize: 13 }}>
          {c.description}
        </Typography.Paragraph>
      ) : null}
      <InputNumber
        aria-label={`${c.name}（满分 ${c.max}）`}
        min={0}
        max={c.max}
        step={0.5}
        precision={2}
        inputMode="decimal"
        size="large"
        style={{ width: '100%' }}
        value={value}
        onChange={(v) => onChange(typeof v === 'number' ? v : null)}
      />
    </div>
  );
}

function ScoreSheet({
  roundId,
  speaker,
  criteria,
  onQueued,
}: {
  roundId: string;
  speaker: JudgeSpeaker;
  criteria: RubricCriterion[];
  onQueued: (item: QueuedScore) => void;
}) {
  const { modal } = App.useApp();
  const [values, setValues] = useState<Record<string, number | null>>(() =>
    loadDraft(roundId, speaker.entryId),
  );
  const set = (key: string, v: number | null) => {
    const next = { ...values, [key]: v };
    setValues(next);
    saveDraft(roundId, speaker.entryId, next);
  };
  const total = sum(criteria.map((c) => values[c.key]));
  const max = sum(criteria.map((c) => c.max));
  const missing = criteria.filter((c) => typeof values[c.key] !== 'number');

  const submit = () =>
    modal.confirm({
      title: `确认提交对 ${speaker.speakerName} 的评分？`,
      content: `总分 ${total} 分。提交后不能修改；如需修改，须由组织者说明原因后重新打开。`,
      okText: '提交',
      cancelText: '再看看',
      onOk: () => {
        const scores = Object.fromEntries(criteria.map((c) => [c.key, values[c.key] as number]));
        onQueued({
          key: newScoreKey(),
          roundId,
          entryId: speaker.entryId,
          speakerName: speaker.speakerName,
          scores,
          total: String(total),
          createdAt: new Date().toISOString(),
          status: 'pending',
          attempts: 0,
        });
        clearDraft(roundId, speaker.entryId);
      },
    });

  return (
    <Card size="small" data-testid="live-score-sheet">
      <Flex vertical gap={12}>
        <div>
          <Typography.Text type="secondary">第 {speaker.position} 位</Typography.Text>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {speaker.speakerName}
          </Typography.Title>
          <Typography.Text>{speaker.unitName}</Typography.Text>
          <Typography.Paragraph style={{ margin: 0 }}>《{speaker.title}》</Typography.Paragraph>
        </div>
        {speaker.reopened ? (
          <Alert
            type="warning"
            showIcon
            message={`组织者已重新打开您的评分：${speaker.reopenReason ?? ''}`}
          />
        ) : null}
        {criteria.map((c) => (
          <CriterionInput key={c.key} c={c} value={values[c.key] ?? null} onChange={(v) => set(c.key, v)} />
        ))}
        <div
          style={{
            position: 'sticky',
            bottom: 0,
            background: 'var(--ant-color-bg-container, #fff)',
            paddingBlock: 8,
          }}
        >
          <Flex justify="space-between" align="center" gap={12}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="live-total">
              总分 {total} / {max}
            </Typography.Title>
            <Button type="primary" size="large" disabled={missing.length > 0} onClick={submit}>
              提交
            </Button>
          </Flex>
          {missing.length > 0 ? (
            <Typography.Text type="secondary">
              还需填写：{missing.map((c) => c.name).join('、')}
            </Typography.Text>
          ) : null}
        </div>
      </Flex>
    </Card>
  );
}

function QueueList({ items, onDismiss }: { items: QueuedScore[]; onDismiss: (key: string) => void }) {
  if (!items.length) return null;
  return (
    <Card size="small" title="我的评分">
      <Flex vertical gap={8}>
        {[...items].reverse().map((i) => (
          <Flex key={i.key} justify="space-between" align="center" gap={8} wrap="wrap">
            <Typography.Text>
              {i.speakerName}：{i.total} 分
            </Typography.Text>
            {i.status === 'sent' ? (
              <Tag color="success">已提交</Tag>
            ) : i.status === 'pending' ? (
              <Tag color="warning">等待网络</Tag>
            ) : (
              <Flex gap={4} align="center">
                <Tag color="error">未被接受</Tag>
                <Button size="small" onClick={() => onDismiss(i.key)}>
                  知道了
                </Button>
              </Flex>
            )}
            {i.status === 'refused' ? (
              <Typography.Text type="danger" style={{ width: '100%' }}>
                {i.error}
              </Typography.Text>
            ) : null}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

/**
 * 评委手机评分 (390×844): the speaker on stage, the rubric and inputs when scoring opens, a live
 * total and 提交. Scores wait on the phone until the server acknowledges them (等待网络 → 已提交).
 */
export default function LiveJudgePage() {
  const { id = '' } = useParams();
  const { data, error, isPending, refetch } = useJudgeView(id);
  const queue = useScoreQueue(id, () => void refetch());
  const queued = new Set(queue.items.filter((i) => i.status !== 'refused').map((i) => i.entryId));

  if (isPending) return <BlockLoading />;
  if (!data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  // A score waiting in the outbox is not offered again (the server has it or will have it).
  const toScore = data.toScore.filter(
    (s) =>
      !queue.items.some((i) => i.entryId === s.entryId && i.status === 'pending') &&
      !(queued.has(s.entryId) && !s.reopened),
  );
  const speaker = toScore.find((s) => s.entryId === data.current?.entryId) ?? toScore[0] ?? null;
  // Scored on this phone but not yet acknowledged (offline): the sheet is gone, the score is not lost.
  const currentWaiting = queue.items.some(
    (i) => i.entryId === data.current?.entryId && i.status === 'pending',
  );
  return (
    <>
      <PageHeader title={data.round.name} sub={data.round.campaignTitle} />
      {data.round.rehearsal ? <RehearsalBanner /> : null}
      {error ? (
        <Alert type="warning" showIcon message="网络不稳定，正在重新连接…" style={{ marginBottom: 12 }} />
      ) : null}
      <Flex vertical gap={12}>
        {speaker ? (
          <ScoreSheet
            key={speaker.entryId}
            roundId={id}
            speaker={speaker}
            criteria={data.round.criteria}
            onQueued={queue.add}
          />
        ) : (
          <Card size="small">
            <Typography.Text type="secondary">{data.stateLabel}</Typography.Text>
            {data.current ? (
              <>
                <Typography.Title level={4} style={{ margin: '4px 0' }}>
                  {data.current.speakerName}
                </Typography.Title>
                <Typography.Text>
                  {data.current.statusLabel}
                  {data.current.submitted ? ' · 您已提交' : ''}
                </Typography.Text>
              </>
            ) : null}
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {data.current?.submitted
                ? '您对该选手的评分已提交，请等待下一位选手。'
                : currentWaiting
                  ? '您的评分已保存在本机，网络恢复后会自动提交，无需重新打分。'
                  : '主持人开始评分后，这里会显示评分表。'}
            </Typography.Paragraph>
          </Card>
        )}
        <QueueList items={queue.items} onDismiss={queue.dismiss} />
      </Flex>
    </>
  );
}
