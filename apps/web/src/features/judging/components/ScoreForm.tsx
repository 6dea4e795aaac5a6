import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useJudgingMutations, type JudgeItem } from '../api.ts';

interface Values {
  scores?: Record<string, number | null | undefined>;
  comment?: string;
}

/** Decimal strings from the server → numbers for the inputs. */
function toNumber(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Sums in hundredths, so 38.5 + 27.25 shows as 65.75, not 65.75000000001. */
function sumScores(values: readonly (number | null | undefined)[]): number {
  return (
    values.reduce<number>(
      (sum, v) => (typeof v === 'number' && Number.isFinite(v) ? sum + Math.round(v * 100) : sum),
      0,
    ) / 100
  );
}

/**
 * One input per rubric criterion (label "宣讲内容（满分 40）", the 评分要点 beneath), a live total and the
 * comment. 暂存 saves a draft (blanks allowed); 提交评分 needs every criterion and locks the score.
 */
export function ScoreForm({
  roundId,
  item,
  onDirtyChange,
}: {
  roundId: string;
  item: JudgeItem;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  // The total and the buttons stay pinned to the bottom of the screen: keep a focused input above them.
  useEffect(() => {
    const root = document.documentElement;
    const before = root.style.scrollPaddingBottom;
    root.style.scrollPaddingBottom = '140px';
    return () => {
      root.style.scrollPaddingBottom = before;
    };
  }, []);
  const { message, modal } = App.useApp();
  const m = useJudgingMutations(roundId);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<'draft' | 'submit' | null>(null);
  const criteria = item.round.criteria;
  const maxTotal = sumScores(criteria.map((c) => c.max));

  const initialValues: Values = {
    scores: Object.fromEntries(criteria.map((c) => [c.key, toNumber(item.score?.scores[c.key])])),
    comment: item.score?.comment ?? '',
  };
  const watched = Form.useWatch('scores', form);
  const total = sumScores(criteria.map((c) => watched?.[c.key]));

  const collect = () => {
    const values = form.getFieldsValue(true) as Values;
    const scores: Record<string, number | null> = {};
    for (const c of criteria) {
      const v = values.scores?.[c.key];
      scores[c.key] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
    return { scores, comment: (values.comment ?? '').trim() };
  };

  const send = async (submit: boolean) => {
    const body = collect();
    setPending(submit ? 'submit' : 'draft');
    try {
      await m.score.mutateAsync({ code: item.code, ...body, submit });
      onDirtyChange(false);
      void message.success(submit ? '已提交' : '已暂存');
    } catch (e) {
      const hasIssues = e instanceof ApiError && e.issues.length > 0;
      const unmatched = applyIssues(form, e, ['scores', 'comment']);
      if (!hasIssues || unmatched.length) setError(errorText(e));
      else {
        const first = e.issues[0]?.path;
        if (first) form.scrollToField(first.split('.'), { block: 'center' });
      }
    } finally {
      setPending(null);
    }
  };

  const save = async (submit: boolean) => {
    setError(null);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    if (submit) {
      const { scores } = collect();
      const missing = criteria.filter((c) => scores[c.key] === null);
      if (missing.length) {
        form.setFields(missing.map((c) => ({ name: ['scores', c.key], errors: [`请给「${c.name}」打分`] })));
        form.scrollToField(['scores', missing[0]!.key], { block: 'center' });
        return;
      }
      modal.confirm({
        title: '提交后不能再修改，确定提交吗？',
        content: `合计：${total} / ${maxTotal}`,
        okText: '提交',
        cancelText: '再看看',
        onOk: () => send(true),
      });
      return;
    }
    await send(false);
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={initialValues}
      onValuesChange={() => {
        setError(null);
        onDirtyChange(true);
      }}
      aria-label="评分表"
    >
      {criteria.map((c) => (
        <Form.Item
          key={c.key}
          name={['scores', c.key]}
          label={`${c.name}（满分 ${c.max}）`}
          extra={c.description || undefined}
          rules={[
            {
              type: 'number',
              min: 0,
              max: c.max,
              message: `「${c.name}」的分数应在 0 到 ${c.max} 之间`,
            },
          ]}
        >
          <InputNumber
            min={0}
            max={c.max}
            step={0.5}
            inputMode="decimal"
            size="large"
            placeholder={`0 – ${c.max}`}
            style={{ width: '100%' }}
          />
        </Form.Item>
      ))}
      <Form.Item name="comment" label="评语">
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder="可选：对作品的简要评价" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 2,
          background: '#fff',
          borderTop: '1px solid #f0f0f0',
          margin: '0 -12px -12px',
          padding: '8px 12px calc(8px + env(safe-area-inset-bottom))',
        }}
      >
        <Flex vertical gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }} aria-live="polite" data-testid="score-total">
            合计：{total} / {maxTotal}
          </Typography.Text>
          <Flex gap={8}>
            <Button
              size="large"
              style={{ flex: 1 }}
              loading={pending === 'draft'}
              disabled={pending !== null}
              onClick={() => void save(false)}
            >
              暂存
            </Button>
            <Button
              type="primary"
              size="large"
              style={{ flex: 1 }}
              loading={pending === 'submit'}
              disabled={pending !== null}
              onClick={() => void save(true)}
            >
              提交评分
            </Button>
          </Flex>
        </Flex>
      </div>
    </Form>
  );
}
