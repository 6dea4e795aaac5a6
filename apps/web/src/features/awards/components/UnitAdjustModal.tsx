import { useState } from 'react';
import { Flex, Select, Typography } from 'antd';
import { ReasonModal } from '../../reviews/components/ReasonModal.tsx';
import type { DraftUnit } from '../api.ts';

const NONE = '__none__';
const RULE = '__rule__';

/** Gives a unit an 组织奖 or none by hand, or returns it to the rule — always with a reason (audited). */
export function UnitAdjustModal({
  unit,
  orgAwards,
  onClose,
  onSubmit,
}: {
  unit: DraftUnit;
  orgAwards: string[];
  onClose: () => void;
  onSubmit: (change: { tier: string | null; reset?: boolean }, reason: string) => Promise<unknown>;
}) {
  const [choice, setChoice] = useState<string>(unit.tier ? NONE : (orgAwards[0] ?? NONE));
  return (
    <ReasonModal
      open
      title={`调整「${unit.name}」的组织奖`}
      okText="保存调整"
      label="调整理由"
      successText="已调整"
      onClose={onClose}
      onSubmit={(reason) =>
        onSubmit(
          choice === RULE ? { tier: null, reset: true } : { tier: choice === NONE ? null : choice },
          reason,
        )
      }
      description={
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">
            按规则：{unit.ruleTier ?? '不获组织奖'}（积分 {unit.points}，排名 {unit.rank ?? '—'}）
          </Typography.Text>
          <Select
            aria-label="调整为"
            value={choice}
            onChange={setChoice}
            options={[
              ...orgAwards.map((n) => ({ value: n, label: `授予「${n}」` })),
              { value: NONE, label: '不授予组织奖' },
              ...(unit.adjusted ? [{ value: RULE, label: '取消调整，恢复按规则评定' }] : []),
            ]}
          />
        </Flex>
      }
    />
  );
}
