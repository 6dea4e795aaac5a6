import { Checkbox, Form, Input, Radio, Select } from 'antd';
import {
  materialKeys,
  materialLabels,
  materialRequirementLabels,
  materialRequirements,
  partyStatusLabels,
  partyStatuses,
  positions,
} from '@jiangtai/contracts';
import { FieldGrid, Section } from './fields.tsx';

export function EligibilitySection() {
  return (
    <>
      <Section id="eligibility" title="参加条件">
        <Form.Item
          label="职务"
          name={['eligibility', 'positions']}
          extra="不选表示不限职务（全体党员均可参加）"
        >
          <Select
            mode="multiple"
            allowClear
            placeholder="不限职务"
            options={positions.map((p) => ({ value: p, label: p }))}
          />
        </Form.Item>
        <Form.Item label="党员身份" name={['eligibility', 'partyStatuses']} required>
          <Checkbox.Group options={partyStatuses.map((s) => ({ value: s, label: partyStatusLabels[s] }))} />
        </Form.Item>
        <Form.Item label="说明" name={['eligibility', 'note']}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Section>
      <Section id="materials" title="报送材料">
        <FieldGrid min={260}>
          {materialKeys.map((k) => (
            <Form.Item key={k} label={materialLabels[k]} name={['materials', k]}>
              <Radio.Group
                optionType="button"
                options={materialRequirements.map((r) => ({ value: r, label: materialRequirementLabels[r] }))}
              />
            </Form.Item>
          ))}
        </FieldGrid>
      </Section>
    </>
  );
}
