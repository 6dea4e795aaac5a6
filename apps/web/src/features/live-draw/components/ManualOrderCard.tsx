import { useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Typography } from 'antd';
import type { DrawView } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { useDrawMutations } from '../api.ts';

/**
 * The alternative: the order drawn by hand on stage (号签), entered position by position. Recorded as
 * such, with who entered it; afterwards no random draw is possible, and the other way round.
 */
export function ManualOrderCard({ view }: { view: DrawView }) {
  const { message } = App.useApp();
  const { manual } = useDrawMutations(view.roundId);
  const n = view.finalists.length;
  const [slots, setSlots] = useState<(string | undefined)[]>(() =>
    Array.from({ length: n }, () => undefined),
  );
  const [note, setNote] = useState('');
  const chosen = new Set(slots.filter(Boolean));
  const complete = slots.length === n && slots.every(Boolean) && chosen.size === n;

  return (
    <Card size="small" title="或者：录入现场人工抽签的顺序" style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">
        如果现场用号签等方式人工抽签，请按抽到的顺序逐位选择选手。录入后记为「现场人工抽签」并记下录入人，不能再用随机种子抽签，也不能修改。
        {view.status === 'committed' && '已公布的承诺值会保留在公开记录中，注明改为人工抽签。'}
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        {slots.map((value, i) => (
          <Flex key={i} align="center" gap={8}>
            <Typography.Text strong style={{ minWidth: 40 }}>
              第 {i + 1} 位
            </Typography.Text>
            <Select
              style={{ flex: 1, minWidth: 0 }}
              allowClear
              placeholder="选择选手"
              value={value}
              aria-label={`第 ${i + 1} 位出场的选手`}
              onChange={(v: string | undefined) => setSlots((s) => s.map((x, j) => (j === i ? v : x)))}
              options={view.finalists.map((f) => ({
                value: f.entryId,
                label: `${f.speakerName}（${f.unitName}）`,
                disabled: chosen.has(f.entryId) && f.entryId !== value,
              }))}
            />
          </Flex>
        ))}
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
          placeholder="说明（可选），例如：现场由选手依次抽取号签，监督员见证"
        />
        <div>
          <Popconfirm
            title="录入后出场顺序即确定，不能修改"
            okText="确定录入"
            cancelText="取消"
            disabled={!complete}
            onConfirm={() =>
              manual.mutate(
                { order: slots as string[], note: note.trim() },
                {
                  onSuccess: () => void message.success('出场顺序已录入'),
                  onError: (e) => void message.error(errorText(e)),
                },
              )
            }
          >
            <Button disabled={!complete} loading={manual.isPending}>
              录入出场顺序
            </Button>
          </Popconfirm>
          {!complete && (
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              请为全部 {n} 位选手排好顺序
            </Typography.Text>
          )}
        </div>
      </Flex>
    </Card>
  );
}
