import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Typography } from 'antd';
import { drawCommitment, type DrawView } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { useDrawMutations } from '../api.ts';
import { storedSeed } from '../seed-store.ts';

const SEED = /^[0-9a-fA-F]{64}$/;

/** Step 3: the seed is revealed; the server checks it against the commitment and draws the order. */
export function RevealStep({ view }: { view: DrawView }) {
  const { message } = App.useApp();
  const { reveal } = useDrawMutations(view.roundId);
  const commitment = view.record?.commitment ?? '';
  const kept = storedSeed(view.roundId);
  const keptMatches = !!kept && drawCommitment(kept) === commitment;
  const [typed, setTyped] = useState('');
  const seed = keptMatches ? kept : typed.trim().toLowerCase();
  const typedOk = SEED.test(seed) && drawCommitment(seed) === commitment;
  const contributions = view.record?.contributions.length ?? 0;

  return (
    <Card size="small" title="第三步：揭晓种子，确定出场顺序" style={{ marginBottom: 12 }}>
      {keptMatches ? (
        <Alert type="success" showIcon title="本浏览器保存着公布承诺值时的种子，可以直接揭晓" />
      ) : (
        <Flex vertical gap={8}>
          {kept && (
            <Alert
              type="warning"
              showIcon
              title="本浏览器保存的种子与公布的承诺值不一致，请粘贴当时下载或抄写的种子"
            />
          )}
          <Typography.Text>请粘贴公布承诺值时保存的种子（64 位字符）：</Typography.Text>
          <Input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="种子"
            autoComplete="off"
            status={typed && !typedOk ? 'error' : undefined}
          />
          {typed && !typedOk && (
            <Typography.Text type="danger">
              {SEED.test(typed.trim())
                ? '这个种子与公布的承诺值不一致'
                : '种子应为 64 位十六进制字符（0-9、a-f）'}
            </Typography.Text>
          )}
        </Flex>
      )}
      {contributions === 0 && (
        <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
          揭晓前至少需要一份现场随机数。
        </Typography.Paragraph>
      )}
      <div style={{ marginTop: 12 }}>
        <Popconfirm
          title="揭晓后不能再录入随机数，出场顺序随即确定"
          okText="揭晓"
          cancelText="取消"
          disabled={!typedOk || contributions === 0}
          onConfirm={() =>
            reveal.mutate(seed, {
              onSuccess: () => void message.success('出场顺序已确定'),
              onError: (e) => void message.error(errorText(e)),
            })
          }
        >
          <Button type="primary" disabled={!typedOk || contributions === 0} loading={reveal.isPending}>
            揭晓并确定出场顺序
          </Button>
        </Popconfirm>
      </div>
    </Card>
  );
}
