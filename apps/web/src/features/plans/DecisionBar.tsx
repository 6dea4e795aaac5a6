import { useState } from 'react';
import { App, Button, Card, Flex, Input, Modal, Typography } from 'antd';
import type { PlanDetail } from '@jiangtai/contracts';
import { errorText } from '../../lib/api.ts';
import { usePlanMutations } from './api.ts';

/** The unit's decision on a submitted plan: 通过, or 退回 with a reason the secretary is told. */
export function DecisionBar({
  plan,
  campaignId,
  orgId,
}: {
  plan: PlanDetail;
  campaignId: string;
  orgId: string;
}) {
  const { message, modal } = App.useApp();
  const { accept, giveBack } = usePlanMutations(campaignId, orgId);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  if (!plan.canDecide || plan.version === null) return null;
  const version = plan.version;
  return (
    <Card size="small" style={{ marginTop: 12 }} title="单位审核">
      <Flex gap={8} wrap justify="flex-end">
        <Button danger onClick={() => setReturning(true)}>
          退回
        </Button>
        <Button
          type="primary"
          loading={accept.isPending}
          onClick={() =>
            modal.confirm({
              title: '通过该宣讲计划？',
              content: '通过后支部书记会收到通知；之后的修改需说明原因并重新审核。',
              okText: '通过',
              cancelText: '取消',
              onOk: () =>
                accept
                  .mutateAsync(version)
                  .then(() => void message.success('已通过'))
                  .catch((err: unknown) => void message.error(errorText(err))),
            })
          }
        >
          通过
        </Button>
      </Flex>
      <Modal
        title="退回宣讲计划"
        open={returning}
        okText="退回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: giveBack.isPending }}
        onCancel={() => setReturning(false)}
        onOk={async () => {
          try {
            await giveBack.mutateAsync({ version, reason: reason.trim() });
            setReturning(false);
            setReason('');
            message.success('已退回，支部书记会收到通知');
          } catch (err) {
            message.error(errorText(err));
          }
        }}
      >
        <Typography.Paragraph>请写明需要修改的地方，支部书记会在通知中看到。</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label="退回原因"
        />
      </Modal>
    </Card>
  );
}
