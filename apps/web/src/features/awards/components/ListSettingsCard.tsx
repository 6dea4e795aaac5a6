import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { DATE_INPUT_FORMAT } from '../../../lib/format.ts';
import type { AwardList } from '../api.ts';

interface Values {
  issuer: string;
  issuedOn: Dayjs | null;
  noticeWorkingDays: number;
}

/** What the certificates print (issuer, date) and how long the 公示 runs. */
export function ListSettingsCard({
  list,
  disabled,
  saving,
  onSave,
}: {
  list: AwardList;
  disabled: boolean;
  saving: boolean;
  onSave: (v: { issuer: string; issuedOn: string | null; noticeWorkingDays: number }) => Promise<unknown>;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  return (
    <Card size="small" title="证书与公示设置">
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={disabled}
        initialValues={{
          issuer: list.issuer,
          issuedOn: list.issuedOn ? dayjs(list.issuedOn) : null,
          noticeWorkingDays: list.noticeWorkingDays,
        }}
        onFinish={(v) =>
          onSave({
            issuer: v.issuer.trim(),
            issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null,
            noticeWorkingDays: v.noticeWorkingDays,
          }).then(
            () => void message.success('已保存'),
            (e: unknown) => {
              applyIssues(form, e, ['issuer', 'issuedOn', 'noticeWorkingDays']);
              void message.error(errorText(e));
            },
          )
        }
      >
        <Flex wrap="wrap" gap={12}>
          <Form.Item
            name="issuer"
            label="颁发单位（印在证书上）"
            style={{ minWidth: 240, flex: 1 }}
            rules={[
              { required: true, whitespace: true, message: '请填写颁发单位' },
              { min: 2, message: '至少 2 个字' },
              { max: 40, message: '不能超过 40 个字' },
            ]}
          >
            <Input placeholder="例如：中共××市委宣传部" />
          </Form.Item>
          <Form.Item name="issuedOn" label="证书日期" extra="不填则为公示发布当天">
            <DatePicker format={DATE_INPUT_FORMAT} allowClear />
          </Form.Item>
          <Form.Item
            name="noticeWorkingDays"
            label="公示期（工作日）"
            rules={[{ required: true, message: '请填写公示期' }]}
          >
            <InputNumber min={1} max={30} precision={0} />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存设置
        </Button>
      </Form>
    </Card>
  );
}
