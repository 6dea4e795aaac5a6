import { useState } from 'react';
import { App, Button, Flex } from 'antd';
import { errorText } from '../../../lib/api.ts';
import { useLectureMutations } from '../api.ts';
import { ReasonModal } from './ReasonModal.tsx';

/** The unit's 确认 / 退回 on a recorded lecture (in the 待确认 list and on the record). */
export function DecisionButtons({ id, topic }: { id: string; topic: string }) {
  const { message } = App.useApp();
  const m = useLectureMutations();
  const [returning, setReturning] = useState(false);
  return (
    <Flex gap={8} wrap="wrap">
      <Button
        type="primary"
        loading={m.confirm.isPending}
        aria-label={`确认「${topic}」`}
        onClick={() =>
          m.confirm.mutate(id, {
            onSuccess: () => void message.success('已确认'),
            onError: (e) => void message.error(errorText(e)),
          })
        }
      >
        确认
      </Button>
      <Button danger aria-label={`退回「${topic}」`} onClick={() => setReturning(true)}>
        退回
      </Button>
      <ReasonModal
        title={`退回「${topic}」`}
        okText="退回"
        label="退回原因"
        placeholder="例如：请补充活动照片"
        required
        open={returning}
        loading={m.return.isPending}
        onClose={() => setReturning(false)}
        onOk={(reason) =>
          m.return
            .mutateAsync({ id, reason })
            .then(() => void message.success('已退回，支部可修改后重新提交'))
        }
      />
    </Flex>
  );
}
