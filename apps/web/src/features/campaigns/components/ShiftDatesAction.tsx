import { useState } from 'react';
import { Alert, App, Button, Form, InputNumber, List, Modal, Radio, Typography } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import {
  formatCampaignDate,
  shiftDateDays,
  SHIFT_DAYS_LIMIT,
  type CampaignDetail,
} from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { useCampaignMutations } from '../api.ts';

const range = (from: string, to: string) => `${formatCampaignDate(from)}至${formatCampaignDate(to)}`;

/**
 * 整体顺延 / 提前 N 天: every stage date and deadline moves together. Offered while the server would
 * allow it: a draft, or a published campaign none of whose stages has ended yet.
 */
export function ShiftDatesAction({ campaign }: { campaign: CampaignDetail }) {
  const { message } = App.useApp();
  const { shiftDates } = useCampaignMutations();
  const [open, setOpen] = useState(false);
  const [direction, setDirection] = useState<1 | -1>(1);
  const [days, setDays] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const movable =
    campaign.canEdit &&
    (campaign.status === 'draft' ||
      (campaign.status === 'published' && campaign.timeline.every((x) => x.state !== 'done')));
  if (!movable) return null;

  const n = days && days > 0 ? days * direction : 0;
  const submit = async () => {
    setError(null);
    if (!n) return setError('请填写移动的天数（1 天以上）');
    try {
      await shiftDates.mutateAsync({ id: campaign.id, days: n, updatedAt: campaign.updatedAt });
      setOpen(false);
      message.success(`全部日期已${n > 0 ? '顺延' : '提前'} ${Math.abs(n)} 天`);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <>
      <Button
        icon={<FieldTimeOutlined />}
        onClick={() => {
          setDays(null);
          setDirection(1);
          setError(null);
          setOpen(true);
        }}
      >
        调整日期
      </Button>
      <Modal
        open={open}
        title="整体顺延 / 提前"
        okText="确定移动"
        cancelText="取消"
        confirmLoading={shiftDates.isPending}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          所有阶段的开始、结束日期和报送截止日期一起移动，阶段的先后和长短不变；阶段说明里写的对应日期（如「9月15日前」）也会一起改。
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="方向">
            <Radio.Group
              value={direction}
              onChange={(e) => setDirection(e.target.value as 1 | -1)}
              optionType="button"
              options={[
                { value: 1, label: '整体顺延（推后）' },
                { value: -1, label: '整体提前' },
              ]}
            />
          </Form.Item>
          <Form.Item label="天数">
            <InputNumber
              aria-label="移动天数"
              value={days}
              onChange={(v) => setDays(v)}
              min={1}
              max={SHIFT_DAYS_LIMIT}
              precision={0}
              suffix="天"
              style={{ width: 140 }}
            />
          </Form.Item>
        </Form>
        {n !== 0 && (
          <List
            size="small"
            header={`活动：${range(shiftDateDays(campaign.settings.startsOn, n), shiftDateDays(campaign.settings.endsOn, n))}`}
            dataSource={campaign.settings.stages}
            renderItem={(s) => (
              <List.Item>
                {s.name}：{range(shiftDateDays(s.startsOn, n), shiftDateDays(s.endsOn, n))}
                {s.submissionDeadline &&
                  `，报送截止 ${formatCampaignDate(shiftDateDays(s.submissionDeadline, n))}`}
              </List.Item>
            )}
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" />}
      </Modal>
    </>
  );
}
