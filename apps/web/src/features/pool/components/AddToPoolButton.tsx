import { useState } from 'react';
import { App, Button, Dropdown, Space } from 'antd';
import { CheckOutlined, DownOutlined } from '@ant-design/icons';
import { errorText } from '../../../lib/api.ts';
import { usePoolMutations, usePools } from '../api.ts';

/**
 * 加入师资库 from a contest result, in one click: into the highest pool the viewer manages (the city's
 * for the city's organiser), or another one from the arrow's list. The speaker's details are copied
 * from the entry and its member. Hidden for those who manage no pool.
 */
export function AddToPoolButton({ entryId, speakerName }: { entryId: string; speakerName: string }) {
  const { data } = usePools();
  const managed = (data?.pools ?? [])
    .filter((p) => p.manages)
    .sort((a, b) => a.org.path.length - b.org.path.length);
  const [added, setAdded] = useState<string | null>(null);
  const m = usePoolMutations();
  const { message } = App.useApp();
  if (managed.length === 0) return null;
  if (added) return <Button size="small" icon={<CheckOutlined />} disabled>{`已加入${added}`}</Button>;

  async function add(poolId: string) {
    const pool = managed.find((p) => p.id === poolId)!;
    try {
      await m.addFromEntry.mutateAsync({ poolId, entryId });
      message.success(`已把 ${speakerName} 加入${pool.name}`);
      setAdded(pool.name);
    } catch (e) {
      message.error(errorText(e));
    }
  }

  const main = (
    <Button
      size="small"
      loading={m.addFromEntry.isPending}
      // The visible words first (WCAG's label-in-name), then whom and where.
      aria-label={`加入师资库：${speakerName}（${managed[0]!.name}）`}
      onClick={() => void add(managed[0]!.id)}
    >
      加入师资库
    </Button>
  );
  if (managed.length === 1) return main;
  return (
    <Space.Compact size="small">
      {main}
      <Dropdown
        trigger={['click']}
        menu={{
          items: managed.slice(1).map((p) => ({ key: p.id, label: `加入${p.name}（在库 ${p.active} 人）` })),
          onClick: ({ key }) => void add(key),
        }}
      >
        <Button size="small" icon={<DownOutlined />} aria-label={`把 ${speakerName} 加入其他师资库`} />
      </Dropdown>
    </Space.Compact>
  );
}
