import { Button, Checkbox, Flex, Form, Input, InputNumber, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { OrgAward } from '@jiangtai/contracts';
import { Section } from './fields.tsx';

/** Places of an organisation award: a number, or 若干 (null). */
function PlacesOrSome({
  value,
  onChange,
  id,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
}) {
  const some = value === null || value === undefined;
  return (
    <Flex gap={8} align="center">
      <InputNumber
        id={id}
        min={1}
        max={1000}
        precision={0}
        suffix="个"
        disabled={some}
        value={some ? null : value}
        onChange={(v) => onChange?.(v ?? 1)}
        style={{ width: 110 }}
      />
      <Checkbox checked={some} onChange={(e) => onChange?.(e.target.checked ? null : 1)}>
        若干
      </Checkbox>
    </Flex>
  );
}

export function AwardsSection() {
  const form = Form.useFormInstance();
  const pool = Form.useWatch<{ targetPerCounty: number } | null | undefined>('speakerPool');
  return (
    <Section id="awards" title="奖项与师资库">
      <Form.List name="awardTiers">
        {(fields, { add, remove }, { errors }) => (
          <Form.Item
            label="个人奖项"
            validateStatus={errors.length ? 'error' : undefined}
            help={errors.length ? <Form.ErrorList errors={errors} /> : undefined}
          >
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="start" wrap>
                <Form.Item name={[field.name, 'name']} style={{ width: 160, marginBottom: 8 }}>
                  <Input maxLength={30} placeholder="如：一等奖" aria-label={`奖项 ${i + 1} 名称`} />
                </Form.Item>
                <Form.Item name={[field.name, 'places']} style={{ width: 120, marginBottom: 8 }}>
                  <InputNumber
                    min={1}
                    max={1000}
                    precision={0}
                    suffix="名"
                    aria-label={`奖项 ${i + 1} 名额`}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  aria-label={`删除奖项 ${i + 1}`}
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', places: 1 })}>
              添加奖项
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.List name="orgAwards">
        {(fields, { add, remove }) => (
          <Form.Item label="组织奖">
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="start" wrap>
                <Form.Item name={[field.name, 'name']} style={{ width: 160, marginBottom: 8 }}>
                  <Input maxLength={30} placeholder="如：组织奖" aria-label={`组织奖 ${i + 1} 名称`} />
                </Form.Item>
                <Form.Item name={[field.name, 'places']} style={{ marginBottom: 8 }}>
                  <PlacesOrSome />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  aria-label={`删除组织奖 ${i + 1}`}
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ name: '', places: null } satisfies OrgAward)}
            >
              添加组织奖
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item label="师资库">
        <Switch
          checked={!!pool}
          checkedChildren="设目标"
          unCheckedChildren="不设"
          aria-label="设置师资库人数目标"
          onChange={(on) => form.setFieldValue('speakerPool', on ? { targetPerCounty: 20 } : null)}
        />
      </Form.Item>
      {pool && (
        <Form.Item label="每个县市区师资库人数目标" name={['speakerPool', 'targetPerCounty']}>
          <InputNumber min={1} max={10000} precision={0} suffix="人" style={{ width: 160 }} />
        </Form.Item>
      )}
    </Section>
  );
}
