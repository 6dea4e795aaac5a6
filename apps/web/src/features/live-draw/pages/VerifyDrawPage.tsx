import { useMemo } from 'react';
import { Alert, Button, Card, Descriptions, List, Result, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import {
  contributionsMessage,
  drawCommitment,
  drawOrder,
  drawStatusLabels,
  type PublicDraw,
} from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { publicDrawUrl, usePublicDraw } from '../api.ts';
import { ContributionList } from '../components/ContributionsCard.tsx';
import { OrderList, WithdrawnNote } from '../components/OrderList.tsx';

const Code = ({ children }: { children: string | null }) => (
  <Typography.Text code copyable={!!children} style={{ wordBreak: 'break-all' }}>
    {children ?? '—'}
  </Typography.Text>
);

const Check = ({ ok }: { ok: boolean }) =>
  ok ? <Tag color="success">✓ 一致</Tag> : <Tag color="error">✗ 不一致</Tag>;

/** What this browser recomputes from the published inputs, with the shared algorithm. */
function recompute(d: PublicDraw) {
  if (!d.seed) return null;
  const { finalSeed, order } = drawOrder(
    d.seed,
    d.contributions,
    d.finalists.map((f) => f.entryId),
  );
  const commitmentOk = drawCommitment(d.seed) === d.commitment;
  const finalSeedOk = finalSeed === d.finalSeed;
  const orderOk = !!d.order && d.order.length === order.length && order.every((id, i) => d.order![i] === id);
  return {
    finalSeed,
    order,
    commitmentOk,
    finalSeedOk,
    orderOk,
    all: commitmentOk && finalSeedOk && orderOk,
  };
}

function saveJson(d: PublicDraw) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(d, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `draw-${d.roundId}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** /draw/:roundId — the public record of a live final's draw, recomputed in the visitor's browser. */
export default function VerifyDrawPage() {
  const { roundId = '' } = useParams();
  const { data: d, error, isPending, refetch } = usePublicDraw(roundId);
  const check = useMemo(() => (d ? recompute(d) : null), [d]);
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const recordUrl = `${window.location.origin}${publicDrawUrl(roundId)}`;
  const onlyOrganiser = d.contributions.length > 0 && d.contributions.every((c) => c.enteredByOrganiser);
  const withdrawn = new Map(d.withdrawn.map((w) => [w.entryId, w]));
  return (
    <>
      <PageHeader title="决赛出场顺序 · 抽签公开核验" sub={`${d.campaignTitle} · ${d.roundName}`} />
      {check && (
        <Result
          status={check.all ? 'success' : 'error'}
          title={
            check.all ? '本页已在您的浏览器中复算：出场顺序与公布的完全一致' : '复算结果与公布的记录不一致'
          }
          subTitle="复算只用本页列出的数据和公开的算法，不依赖服务器的计算。"
          style={{ padding: '16px 0' }}
        />
      )}
      {d.method === 'manual' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="本轮出场顺序为现场人工抽签"
          description={
            d.manual &&
            `由 ${d.manual.enteredByName} 于 ${formatDateTime(d.manual.at)} 录入${d.manual.note ? `：${d.manual.note}` : ''}。人工抽签没有可复算的种子。`
          }
        />
      )}
      {d.status === 'committed' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={drawStatusLabels[d.status]}
          description="揭晓后本页会列出种子，并在您的浏览器中复算出场顺序。请记下承诺值以便届时核对。"
        />
      )}

      <Card size="small" title="一、承诺值（抽签前公布）" style={{ marginBottom: 12 }}>
        {d.commitment ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label="承诺值">
              <Code>{d.commitment}</Code>
            </Descriptions.Item>
            <Descriptions.Item label="公布时间">
              {formatDateTime(d.committedAt!)}（{d.committedByName}）
            </Descriptions.Item>
            {check && (
              <Descriptions.Item label="SHA-256(种子)">
                <Check ok={check.commitmentOk} />
              </Descriptions.Item>
            )}
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">本轮没有使用随机种子。</Typography.Text>
        )}
      </Card>

      <Card
        size="small"
        title={`二、决赛选手名单（${d.finalists.length} 名，按此顺序参与洗牌）`}
        style={{ marginBottom: 12 }}
      >
        <List
          size="small"
          dataSource={d.finalists}
          renderItem={(f, i) => {
            const w = withdrawn.get(f.entryId);
            return (
              <List.Item>
                <div>
                  {i + 1}. {f.speakerName}（{f.unitName}）《{f.title}》 · 作品编号 {f.entryId}
                  {w ? (
                    <div>
                      <WithdrawnNote w={w} />
                    </div>
                  ) : null}
                </div>
              </List.Item>
            );
          }}
        />
        {d.withdrawn.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            名单公布后有 {d.withdrawn.length} 名选手退出：名单和出场顺序保持公布时的样子（复算仍然一致），
            比赛当晚跳过他们的出场位置。
          </Typography.Paragraph>
        )}
      </Card>

      <Card size="small" title="三、现场随机数（承诺值公布后录入）" style={{ marginBottom: 12 }}>
        <ContributionList items={d.contributions} />
        {onlyOrganiser && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            title="这些随机数都是由组织者一方录入的，没有监督员本人录入的随机数"
          />
        )}
        {d.contributions.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            编码：<Typography.Text code>{contributionsMessage(d.contributions)}</Typography.Text>
          </Typography.Paragraph>
        )}
      </Card>

      {d.seed && check && (
        <Card size="small" title="四、揭晓的种子与最终种子" style={{ marginBottom: 12 }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="种子">
              <Code>{d.seed}</Code>
            </Descriptions.Item>
            <Descriptions.Item label="揭晓时间">
              {formatDateTime(d.revealedAt!)}（{d.revealedByName}）
            </Descriptions.Item>
            <Descriptions.Item label="公布的最终种子">
              <Code>{d.finalSeed}</Code>
            </Descriptions.Item>
            <Descriptions.Item label="本浏览器算出">
              <Code>{check.finalSeed}</Code> <Check ok={check.finalSeedOk} />
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}

      {d.order && (
        <Card size="small" title={`${d.seed ? '五' : '四'}、出场顺序`} style={{ marginBottom: 12 }}>
          <OrderList order={d.order} finalists={d.finalists} withdrawn={d.withdrawn} check={check?.order} />
        </Card>
      )}

      <Card size="small" title="自己复算" style={{ marginBottom: 12 }}>
        <Typography.Paragraph>
          算法：最终种子 = HMAC-SHA256(密钥 = 种子, 消息 = 现场随机数按录入顺序的 JSON 编码 [[谁给出的,
          随机数], …])； 再从名单最后一位起做 Fisher–Yates 洗牌，第 i 位（从 0 数）与 0…i 中的第 j 位交换，j
          取自 HMAC-SHA256(最终种子, 计数器的十进制字符串) 前 4 字节（大端无符号整数）对 i+1 取余，计数器从 0
          起每次加 1， 落在不能整除的尾部的值舍弃重取。所有字符串按 UTF-8 编码。
        </Typography.Paragraph>
        <Typography.Paragraph>
          用项目自带的脚本（只需要 Node.js，不需要安装任何依赖）复算：
        </Typography.Paragraph>
        <Typography.Paragraph code copyable style={{ wordBreak: 'break-all' }}>
          {`node scripts/verify-draw.mjs ${recordUrl}`}
        </Typography.Paragraph>
        <Typography.Paragraph>或者先下载记录，再离线复算：</Typography.Paragraph>
        <Typography.Paragraph code copyable style={{ wordBreak: 'break-all' }}>
          {`node scripts/verify-draw.mjs draw-${d.roundId}.json`}
        </Typography.Paragraph>
        <Button icon={<DownloadOutlined />} onClick={() => saveJson(d)}>
          下载抽签记录（JSON）
        </Button>
      </Card>
    </>
  );
}
