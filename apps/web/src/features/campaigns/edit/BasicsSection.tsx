import { useState } from 'react';
import { DatePicker, Form, Input, Select } from 'antd';
import { useOrgSearch } from '../../../components/OrgSearchSelect.tsx';
import { DATE_FORMAT, FieldGrid, Section, dateItemProps } from './fields.tsx';

/** Several organisations chosen by search; labels of chosen ones are remembered. */
function OrgMultiSelect({
  value,
  onChange,
  known,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  known: { id: string; name: string }[];
}) {
  const [q, setQ] = useState('');
  const [names, setNames] = useState(() => new Map(known.map((o) => [o.id, o.name])));
  const search = useOrgSearch(q);
  const hits = search.data?.items ?? [];
  const options = [
    ...(value ?? []).map((id) => ({ value: id, label: names.get(id) ?? `组织 #${id}` })),
    ...hits
      .filter((h) => !value?.includes(h.id))
      .map((h) => ({ value: h.id, label: h.name, title: h.pathNames })),
  ];
  return (
    <Select
      mode="multiple"
      value={value}
      options={options}
      placeholder="不选 = 组织单位的全部下级组织"
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={search.isFetching}
      notFoundContent={q.trim() ? '没有找到匹配的组织' : '输入组织名称搜索'}
      onChange={(ids: string[]) => {
        const next = new Map(names);
        for (const h of hits) next.set(h.id, h.name);
        setNames(next);
        onChange?.(ids);
      }}
    />
  );
}

export function BasicsSection({ participatingOrgs }: { participatingOrgs: { id: string; name: string }[] }) {
  return (
    <Section id="basics" title="基本信息">
      <Form.Item label="活动名称" name="title" required>
        <Input maxLength={100} showCount />
      </Form.Item>
      <Form.Item label="活动主题" name="theme">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="活动说明" name="description">
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
      </Form.Item>
      <FieldGrid>
        <Form.Item label="开始日期" name="startsOn" required {...dateItemProps}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="结束日期" name="endsOn" required {...dateItemProps}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
      </FieldGrid>
      <Form.Item
        label="参与组织"
        name="participatingOrgIds"
        extra="不选时，组织单位的全部下级组织都参与；选了则只有所选组织及其下级参与。"
      >
        <OrgMultiSelect known={participatingOrgs} />
      </Form.Item>
    </Section>
  );
}
