import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Typography } from 'antd';
import { drawCommitment, newDrawSeed, type DrawView } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { useDrawMutations } from '../api.ts';
import { downloadSeed, storedSeed, storeSeed } from '../seed-store.ts';

/**
 * Step 1: the seed is made here, in this browser, and never leaves it before the reveal; only its
 * SHA-256 (the commitment) is published, together with the finalists list.
 */
export function CommitStep({ view }: { view: DrawView }) {
  const { message } = App.useApp();
  const { commit } = useDrawMutations(view.roundId);
  const [seed, setSeed] = useState<string | null>(() => storedSeed(view.roundId));
  const [saved, setSaved] = useState(false);
  const commitment = seed ? drawCommitment(seed) : null;

  const generate = () => {
    const s = newDrawSeed();
    storeSeed(view.roundId, s);
    setSeed(s);
    setSaved(false);
  };

  return (
    <Card size="small" title="第一步：生成种子，公布承诺值" style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">
        种子是这台电脑随机生成的 64 位字符，揭晓之前只保存在本浏览器中，不发送到服务器；公布的只是它的 SHA-256
        值（承诺值）。公布之后组织者无法再更换种子，现场再由监督员和选手给出随机数，共同决定出场顺序。
      </Typography.Paragraph>
      {!seed ? (
        <Button type="primary" onClick={generate}>
          生成种子
        </Button>
      ) : (
        <Flex vertical gap={8}>
          <Alert
            type="warning"
            showIcon
            title="请抄写或下载保存种子"
            description="揭晓时需要这个种子。本浏览器会保存它，但如果换了电脑或清除了浏览器数据，只能用抄写或下载的种子揭晓。揭晓前请勿告诉任何人。"
          />
          <div>
            <Typography.Text type="secondary">种子（保密）：</Typography.Text>
            <Typography.Paragraph copyable code style={{ wordBreak: 'break-all', marginBottom: 4 }}>
              {seed}
            </Typography.Paragraph>
            <Typography.Text type="secondary">承诺值（将公开）：</Typography.Text>
            <Typography.Paragraph code style={{ wordBreak: 'break-all' }}>
              {commitment}
            </Typography.Paragraph>
          </div>
          <Flex wrap="wrap" gap={8}>
            <Button onClick={() => downloadSeed(view.roundId, view.roundName, seed, commitment!)}>
              下载种子文件（.txt）
            </Button>
            <Button onClick={generate}>重新生成</Button>
          </Flex>
          <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
            我已抄写或下载保存了种子
          </Checkbox>
          <div>
            <Button
              type="primary"
              disabled={!saved}
              loading={commit.isPending}
              onClick={() =>
                commit.mutate(commitment!, {
                  onSuccess: () => void message.success('承诺值已公布，名单随之确定'),
                  onError: (e) => void message.error(errorText(e)),
                })
              }
            >
              公布承诺值和决赛名单
            </Button>
          </div>
        </Flex>
      )}
    </Card>
  );
}
