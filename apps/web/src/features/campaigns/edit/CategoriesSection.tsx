import { Button, Flex, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FieldGrid, Section, newKey } from './fields.tsx';

export function CategoriesSection() {
  return (
    <Section id="categories" title="宣讲类别">
      <Form.List name="categories">
        {(fields, { add, remove }) => (
          <>
            <FieldGrid min={240}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={4} align="start">
                  <Form.Item name={[field.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={`类别 ${i + 1}`}
                    style={{ flex: 1, marginBottom: 8 }}
                  >
                    <Input maxLength={30} placeholder="如：政治理论" />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    aria-label={`删除类别 ${i + 1}`}
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: 30 }}
                  />
                </Flex>
              ))}
            </FieldGrid>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ key: newKey('cat'), name: '' })}
            >
              添加类别
            </Button>
          </>
        )}
      </Form.List>
    </Section>
  );
}
