import { App, Button, Card, Form, Input, List, Tag, Typography } from 'antd';
import type { DrawContributionView, DrawView } from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useDrawMutations } from '../api.ts';

export function ContributionList({ items }: { items: readonly DrawContributionView[] }) {
  return (
    <List
      size="small"
      locale={{ emptyText: '还没有录入随机数' }}
      dataSource={[...items]}
      renderItem={(c, i) => (
        <List.Item>
          <List.Item.Meta
            title={
              <>
                {i + 1}. {c.label}：<Typography.Text code>{c.value}</Typography.Text>
              </>
            }
            description={
              <>
                {formatDateTime(c.at)} · {c.enteredByName} 录入{' '}
                {c.enteredByOrganiser ? <Tag>组织者录入</Tag> : <Tag color="blue">监督员本人录入</Tag>}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

interface ContributionForm {
  label: string;
  value: string;
}

/** Step 2: values given after the commitment, mixed into the seed in the order they are recorded. */
export function ContributionsCard({ view }: { view: DrawView }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ContributionForm>();
  const { contribute } = useDrawMutations(view.roundId);
  const items = view.record?.contributions ?? [];
  const open = view.status === 'committed' && view.can.contribute;
  return (
    <Card size="small" title={open ? '第二步：现场随机数' : '现场随机数'} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary" hidden={view.status !== 'committed'}>
        承诺值公布后，选手可当场说出一个数字由组织者录入；最后一份必须由监督员用自己的账号录入，之后才能揭晓。
        这些随机数与种子一起决定出场顺序，都会在公开页上列出；组织者事先无法知道它们，监督员和选手也不知道种子，所以没有哪一方能独自决定顺序。
      </Typography.Paragraph>
      <ContributionList items={items} />
      {open && (
        <Form<ContributionForm>
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={(values) =>
            contribute.mutate(
              { label: values.label.trim(), value: values.value.trim() },
              {
                onSuccess: () => {
                  form.resetFields();
                  void message.success('已录入');
                },
                onError: (e) => {
                  const unmatched = applyIssues(form, e, ['label', 'value']);
                  if (!(e instanceof ApiError && e.issues.length) || unmatched.length)
                    void message.error(errorText(e));
                },
              },
            )
          }
        >
          <Form.Item
            name="label"
            label="谁给出的"
            rules={[
              { required: true, whitespace: true, message: '请填写这份随机数是谁给出的' },
              { max: 30, message: '说明不超过 30 个字' },
            ]}
          >
            <Input maxLength={30} placeholder="例如：监督员 王某、3号选手 张三" />
          </Form.Item>
          <Form.Item
            name="value"
            label="随机数"
            rules={[
              { required: true, whitespace: true, message: '请输入随机数' },
              { min: 4, message: '请输入至少 4 个字符' },
              { max: 64, message: '不超过 64 个字符' },
            ]}
          >
            <Input maxLength={64} placeholder="任意数字或字母，至少 4 位" autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={contribute.isPending}>
            录入
          </Button>
        </Form>
      )}
    </Card>
  );
}
