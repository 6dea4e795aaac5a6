import { useState } from 'react';
import { App, Button, Modal, Select, Typography } from 'antd';
import { errorText } from '../../../lib/api.ts';
import { usePoolMutations, usePools } from '../api.ts';

/**
 * 加入师资库 from a contest result: choose one of the pools the viewer manages; the speaker's
 * details are copied from the entry and its member. Hidden for those who manage no pool.
 */
export function AddToPoolButton({ entryId, speakerName }: { entryId: string; speakerName: string }) {
  const { data } = usePools();
  const managed = (data?.pools ?? []).filter((p) => p.manages);
  const [open, setOpen] = useState(false);
  const [poolId, setPoolId] = useState<string | undefined>();
  const m = usePoolMutations();
  const { message } = App.useApp();
  if (managed.length === 0) return null;
  const chosen = poolId ?? managed[0]!.id;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        加入师资库
      </Button>
      <Modal
        open={open}
        title={`把 ${speakerName} 加入师资库`}
        okText="加入"
        cancelText="取消"
        confirmLoading={m.addFromEntry.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          try {
            await m.addFromEntry.mutateAsync({ poolId: chosen, entryId });
            message.success(`已把 ${speakerName} 加入师资库`);
            setOpen(false);
          } catch (e) {
            message.error(errorText(e));
          }
        }}
      >
        <Typography.Paragraph type="secondary">
          姓名、单位、电话取自党员信息，入库方式记为“比赛推选”。
        </Typography.Paragraph>
        <Select
          aria-label="师资库"
          style={{ width: '100%' }}
          value={chosen}
          onChange={setPoolId}
          options={managed.map((p) => ({ value: p.id, label: `${p.name}（在库 ${p.active} 人）` }))}
        />
      </Modal>
    </>
  );
}
