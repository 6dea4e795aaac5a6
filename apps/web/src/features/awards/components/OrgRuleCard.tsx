import { App, Button, Card, Flex, Form, InputNumber, Typography } from 'antd';
import type { OrgAwardRule } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import type { AwardList } from '../api.ts';

interface Values {
  tierPoints: Record<string, number>;
  participationPoints: number;
  places: Record<string, number>;
}

/**
 * The 组织奖 rule: points per award tier, participation points per finalist, and the number of
 * places for an 组织奖 the campaign leaves open (若干). Saving recomputes the preview below.
 */
export function OrgRuleCard({
  list,
  disabled,
  saving,
  onSave,
}: {
  list: AwardList;
  disabled: boolean;
  saving: boolean;
  onSave: (rule: OrgAwardRule) => Promise<unknown>;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const open = list.orgAwards.filter((a) => a.places === null);
  return (
    <Card size="small" title="组织奖规则">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        单位积分 = 本单位获奖者的奖项分值之和 + 参赛分值 × 参加本轮的作品数；按积分从高到低评定组织奖，
        名额分界处积分相同的单位需要裁定。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="inline"
        disabled={disabled}
        initialValues={{
          tierPoints: Object.fromEntries(
            list.awardTiers.map((t) => [t.name, list.orgRule.tierPoints[t.name] ?? 0]),
          ),
          participationPoints: list.orgRule.participationPoints,
          places: Object.fromEntries(open.map((a) => [a.name, list.orgRule.places[a.name]])),
        }}
        onFinish={(v) =>
          onSave({
            tierPoints: v.tierPoints,
            participationPoints: v.participationPoints,
            places: Object.fromEntries(
              Object.entries(v.places ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'),
            ),
          }).then(
            () => void message.success('已按新规则重新计算'),
            (e: unknown) => void message.error(errorText(e)),
          )
        }
      >
        <Flex wrap="wrap" gap={8} style={{ width: '100%' }}>
          {list.awardTiers.map((t) => (
            <Form.Item
              key={t.name}
              name={['tierPoints', t.name]}
              label={`${t.name}（分）`}
              rules={[{ required: true, message: '请填写分值' }]}
            >
              <InputNumber min={0} max={1000} step={0.5} style={{ width: 90 }} />
            </Form.Item>
          ))}
          <Form.Item
            name="participationPoints"
            label="每件参赛作品（分）"
            rules={[{ required: true, message: '请填写分值' }]}
          >
            <InputNumber min={0} max={1000} step={0.5} style={{ width: 90 }} />
          </Form.Item>
          {open.map((a) => (
            <Form.Item
              key={a.name}
              name={['places', a.name]}
              label={`「${a.name}」名额`}
              rules={[{ required: true, message: '请填写名额' }]}
            >
              <InputNumber min={0} max={1000} precision={0} style={{ width: 90 }} />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={saving}>
            保存并重新计算
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
