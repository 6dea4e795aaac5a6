import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { advancementKindLabels } from '@jiangtai/contracts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import {
  useRoundMutations,
  useRoundResults,
  type JudgeSpreadRow,
  type ResultItem,
  type ResultJudge,
  type RoundDetail,
  type RoundResults,
} from '../api.ts';
import { assignmentStatusColors } from './EntriesTab.tsx';
import { ReasonModal } from './ReasonModal.tsx';
import { AddToPoolButton } from '../../pool/components/AddToPoolButton.tsx';
import { ProposeLectureButton } from '../../classroom/components/ProposeLectureButton.tsx';

type PairAction = { kind: 'reopen' | 'remove'; item: ResultItem; judge: ResultJudge };

/** "总排名前 N 名晋级" with N filled in. */
export const advancementText = (rule: RoundResults['advancement']['rule']) =>
  advancementKindLabels[rule.kind].replace('N', String(rule.count));

function JudgeScores({
  item,
  results,
  canAct,
  onAction,
}: {
  item: ResultItem;
  results: RoundResults;
  canAct: boolean;
  onAction: (a: PairAction) => void;
}) {
  return (
    <ResponsiveTable<ResultJudge>
      aria-label={`${item.code} 的评委评分`}
      size="small"
      rowKey="judgeId"
      pagination={false}
      dataSource={item.judges}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '还没有分配评委' }}
      columns={[
        { title: '评委', dataIndex: 'name', width: 100 },
        {
          title: '状态',
          key: 'status',
          width: 120,
          card: 'extra',
          render: (_: unknown, j) => (
            <Space orientation="vertical" size={2}>
              <Tag color={assignmentStatusColors[j.status]}>{j.statusLabel}</Tag>
              {j.dropped && <Tag color="orange">{j.dropped === 'highest' ? '去掉最高分' : '去掉最低分'}</Tag>}
            </Space>
          ),
        },
        {
          title: '合计',
          key: 'total',
          width: 80,
          render: (_: unknown, j) =>
            j.total === null ? (
              '—'
            ) : (
              <Typography.Text delete={!!j.dropped || j.status === 'removed'} strong={!j.dropped}>
                {j.total}
              </Typography.Text>
            ),
        },
        ...results.criteria.map((c) => ({
          title: `${c.name}（${c.max}）`,
          key: `c:${c.key}`,
          width: 90,
          render: (_: unknown, j: ResultJudge) => {
            const v = j.criteria?.[c.key];
            return v === undefined || v === null ? (
              '—'
            ) : (
              <Typography.Text delete={!!j.dropped}>{v}</Typography.Text>
            );
          },
        })),
        {
          title: '说明',
          key: 'note',
          width: 200,
          render: (_: unknown, j) =>
            j.status === 'removed' ? (
              <Typography.Text type="danger">已移除：{j.removedReason ?? '—'}</Typography.Text>
            ) : (
              (j.comment ?? '')
            ),
        },
        ...(canAct
          ? [
              {
                title: '操作',
                key: 'actions',
                width: 200,
                render: (_: unknown, j: ResultJudge) => (
                  <Flex wrap gap={4}>
                    {j.status === 'submitted' && (
                      <Button size="small" onClick={() => onAction({ kind: 'reopen', item, judge: j })}>
                        重新打开评分
                      </Button>
                    )}
                    {j.status !== 'removed' && (
                      <Button
                        size="small"
                        danger
                        onClick={() => onAction({ kind: 'remove', item, judge: j })}
                      >
                        移除该评委
                      </Button>
                    )}
                  </Flex>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** The organiser puts a group of tied entries in order, with a reason. */
function TieModal({
  roundId,
  group,
  onClose,
}: {
  roundId: string;
  group: ResultItem[];
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const m = useRoundMutations(roundId);
  const [order, setOrder] = useState(group);
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const move = (i: number, d: -1 | 1) => {
    const next = [...order];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    setOrder(next);
  };
  return (
    <Modal
      open
      title="裁定名次"
      okText="确定名次"
      cancelText="取消"
      okButtonProps={{ loading: m.decideTie.isPending }}
      onCancel={onClose}
      onOk={async () => {
        const { reason } = await form.validateFields();
        setError(null);
        try {
          await m.decideTie.mutateAsync({ order: order.map((x) => x.entryId), reason: reason.trim() });
          void message.success('已记录裁定的名次');
          onClose();
        } catch (e) {
          setError(errorText(e));
        }
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        以下作品得分相同，按同分规则仍无法区分。请用上下按钮排出名次（第一个名次最高），并写明理由。
      </Typography.Paragraph>
      <List
        bordered
        size="small"
        dataSource={order}
        aria-label="同分作品"
        renderItem={(x, i) => (
          <List.Item
            actions={[
              <Button
                key="up"
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={i === 0}
                aria-label={`上移 ${x.code}`}
                onClick={() => move(i, -1)}
              />,
              <Button
                key="down"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={i === order.length - 1}
                aria-label={`下移 ${x.code}`}
                onClick={() => move(i, 1)}
              />,
            ]}
          >
            <span>
              第 {(group[0]?.rank ?? 1) + i} 名：{x.code} {x.title}（{x.speakerName}，{x.score ?? '—'} 分）
            </span>
          </List.Item>
        )}
      />
      <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item
          name="reason"
          label="裁定理由"
          rules={[
            { required: true, whitespace: true, message: '请写明裁定理由' },
            { min: 2, message: '请写明裁定理由（至少 2 个字）' },
            { max: 500, message: '裁定理由不能超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder="例如：经评审组合议，按现场答辩表现排序" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

function SpreadTable({ spread }: { spread: JudgeSpreadRow[] }) {
  return (
    <Card size="small" title="评委打分分布" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        仅供参考，不影响成绩。偏差为该评委的合计分减去同一作品其他评委的平均分。
      </Typography.Paragraph>
      <ResponsiveTable<JudgeSpreadRow>
        aria-label="评委打分分布"
        size="small"
        rowKey="judgeId"
        pagination={false}
        dataSource={spread}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '还没有已提交的评分' }}
        columns={[
          { title: '评委', dataIndex: 'name' },
          { title: '已评件数', dataIndex: 'scored', align: 'right' },
          {
            title: '平均总分',
            dataIndex: 'meanTotal',
            align: 'right',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: '平均偏差',
            dataIndex: 'meanDeviation',
            align: 'right',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: '偏差标准差',
            dataIndex: 'deviationSd',
            align: 'right',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: '偏离较大的作品',
            key: 'outliers',
            render: (_: unknown, s) =>
              s.outliers.length ? (
                <Flex wrap gap={4}>
                  {s.outliers.map((o) => (
                    <Tag key={o.entryId} color="orange">
                      {o.code}（{Number(o.deviation) > 0 ? '+' : ''}
                      {o.deviation}）
                    </Tag>
                  ))}
                </Flex>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}

/** What the organiser does next, by the round's state. */
function ActionBar({ detail, results }: { detail: RoundDetail; results: RoundResults }) {
  const { modal, message } = App.useApp();
  const m = useRoundMutations(detail.round.id);
  const [error, setError] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const r = detail.round;
  /** Taking the list back (e.g. an objection upheld): the round returns to 评分已截止. */
  const withdrawButton = detail.canManage && (
    <Button danger onClick={() => setWithdrawing(true)}>
      撤回晋级名单
    </Button>
  );
  const manage = detail.canManage;

  const confirmThen = (
    title: string,
    content: ReactNode,
    okText: string,
    run: () => Promise<unknown>,
    done: string,
  ) => {
    setError(null);
    modal.confirm({
      title,
      content,
      okText,
      cancelText: '取消',
      onOk: async () => {
        try {
          await run();
          void message.success(done);
        } catch (e) {
          setError(errorText(e));
        }
      },
    });
  };

  /** The organiser's button for the round's next step, asking first. */
  const step = (
    label: string,
    content: ReactNode,
    run: () => Promise<unknown>,
    done: string,
    disabled = false,
  ) =>
    manage && (
      <Button
        type="primary"
        disabled={disabled}
        onClick={() => confirmThen(`${label}？`, content, label, run, done)}
      >
        {label}
      </Button>
    );

  const adv = results.advancement;
  const lost = results.items.filter((x) => x.lostPlace);
  /** Entries that left after the list was confirmed: their places stay empty until reconfirmed. */
  const lostNote = lost.length > 0 && (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      title={`有 ${lost.length} 件晋级作品在确认后退赛（${lost.map((x) => x.code).join('、')}），已不在晋级名单和公示中`}
      description="空出的名额不会自动递补。如需由排在后面的作品递补，请撤回晋级名单后重新确认。"
    />
  );
  let body: ReactNode = null;
  switch (r.state) {
    case 'open':
      body = (
        <Flex wrap gap={8} align="center" justify="space-between">
          <Typography.Text>
            {results.missingScores > 0
              ? `还有 ${results.missingScores} 份评分未提交${results.reopenedScores ? `（其中 ${results.reopenedScores} 份已重新打开，待评委重新提交）` : ''}。`
              : '所有分配的评分都已提交。'}
            评分截止日期：{formatDate(r.config.deadline)}
          </Typography.Text>
          {step(
            '截止评分',
            '截止后评委不能再修改评分，系统将计算排名。如需修改，可重新打开某份评分。',
            () => m.close.mutateAsync(),
            '已截止评分',
          )}
        </Flex>
      );
      break;
    case 'closed':
      body = (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            晋级规则：{advancementText(adv.rule)}。按当前排名，晋级名单共{' '}
            <strong>{adv.advancing.length}</strong> 件
            {adv.pending.length > 0 && `，另有 ${adv.pending.length} 件同分跨过晋级线、晋级待定`}。
          </Typography.Text>
          {adv.blockers.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title="确认晋级名单前，请先处理以下问题"
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {adv.blockers.map((b, i) => (
                    <li key={i}>{b}</li>
                  ))}
                </ul>
              }
            />
          )}
          {step(
            '确认晋级名单',
            `共 ${adv.advancing.length} 件作品晋级（在下表中标有「晋级」）。确认后成绩不能再修改。`,
            () => m.confirm.mutateAsync(),
            '晋级名单已确认',
            adv.blockers.length > 0,
          )}
        </Space>
      );
      break;
    case 'confirmed':
      body = (
        <Flex wrap gap={8} align="center" justify="space-between">
          <Typography.Text>
            晋级名单已确认（{formatDateTime(r.confirmedAt)}），共{' '}
            {results.items.filter((x) => x.advancing).length} 件。发布后公示 {r.config.noticeWorkingDays}{' '}
            个工作日。
          </Typography.Text>
          <Space wrap>
            {withdrawButton}
            {step(
              '发布公示',
              `晋级名单将向所有用户公示 ${r.config.noticeWorkingDays} 个工作日，公示期内可以提出异议。`,
              () => m.publish.mutateAsync(),
              '已发布公示',
            )}
          </Space>
        </Flex>
      );
      break;
    case 'publicised':
      body = (
        <Flex wrap gap={8} align="center" justify="space-between">
          <Typography.Text>
            公示中，公示期到 <strong>{formatDate(r.noticeEndsOn)}</strong>{' '}
            结束。公示期满、异议全部答复后可封存结果。
          </Typography.Text>
          <Space wrap>
            {withdrawButton}
            {manage && !results.seal.allowed && (
              <Typography.Text type="secondary" data-testid="seal-blocked">
                {results.seal.blockedReason}
              </Typography.Text>
            )}
            {step(
              '封存结果',
              '封存后结果不能再修改，系统将生成结果哈希供核验。',
              () => m.seal.mutateAsync(),
              '结果已封存',
              !results.seal.allowed,
            )}
          </Space>
        </Flex>
      );
      break;
    case 'final':
      body = (
        <Space orientation="vertical">
          <Typography.Text>结果已于 {formatDateTime(r.sealedAt)} 封存。</Typography.Text>
          <Typography.Text>
            结果哈希：
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
              {r.sealHash ?? '—'}
            </Typography.Text>
          </Typography.Text>
        </Space>
      );
      break;
  }
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      {body}
      {(r.state === 'confirmed' || r.state === 'publicised') && lostNote}
      <ReasonModal
        open={withdrawing}
        title="撤回晋级名单"
        okText="撤回"
        danger
        label="原因"
        description="撤回后公示页面下线，本轮恢复为「评分已截止」：可以重新打开评分、移除评委或裁定同分，再重新确认晋级名单并发布公示。已收到的异议和答复保留。"
        placeholder="例如：异议成立，第二名存在评分错误，需重新核分"
        onClose={() => setWithdrawing(false)}
        successText="晋级名单已撤回"
        onSubmit={(reason) => m.withdraw.mutateAsync(reason)}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          closable
          onClose={() => setError(null)}
          style={{ marginTop: 8 }}
        />
      )}
    </Card>
  );
}

/** 「评分结果」: the ranking with every judge's scores, corrections, ties and the next step. */
export function ResultsTab({ detail }: { detail: RoundDetail }) {
  const roundId = detail.round.id;
  const { data, error, isPending, refetch } = useRoundResults(roundId);
  const m = useRoundMutations(roundId);
  const [pair, setPair] = useState<PairAction | null>(null);
  const [tie, setTie] = useState<ResultItem[] | null>(null);
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const canAct = detail.canManage && (data.state === 'open' || data.state === 'closed');
  const byId = new Map(data.items.map((x) => [x.entryId, x]));
  const isGroupHead = (x: ResultItem) => {
    const first = data.items.find((y) => y.entryId === x.entryId || x.tiedWithIds.includes(y.entryId));
    return first?.entryId === x.entryId;
  };
  const groupOf = (x: ResultItem) =>
    [x, ...x.tiedWithIds.map((id) => byId.get(id)).filter((y): y is ResultItem => !!y)].sort(
      (a, b) => data.items.indexOf(a) - data.items.indexOf(b),
    );

  return (
    <>
      <ActionBar detail={detail} results={data} />
      {data.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="评分记录与评审数据不一致：在查明之前，不能截止评分、确认晋级或签字"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {data.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Paragraph type="secondary">
        {data.dropHighest || data.dropLowest
          ? `每件作品去掉 ${data.dropHighest} 个最高分和 ${data.dropLowest} 个最低分后取平均，`
          : '每件作品取全部评委的平均分，'}
        保留 {data.decimals} 位小数。展开一件作品可查看每位评委的评分。以上结果依据评分记录共 {data.records}{' '}
        条（链头哈希 <Typography.Text code>{data.chainHead.slice(0, 12)}</Typography.Text>…）。
      </Typography.Paragraph>
      <ResponsiveTable<ResultItem>
        aria-label="评分结果"
        size="small"
        rowKey="entryId"
        dataSource={data.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '本轮还没有作品' }}
        expandable={{
          expandedRowRender: (item) => (
            <JudgeScores item={item} results={data} canAct={canAct && !item.withdrawn} onAction={setPair} />
          ),
        }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '—' },
          { title: '编号', dataIndex: 'code', width: 90, card: 'title' },
          { title: '标题', dataIndex: 'title', width: 200, card: 'title' },
          { title: '宣讲人', dataIndex: 'speakerName', width: 90 },
          { title: '单位', dataIndex: 'unitName', width: 150 },
          // 师资库: once scoring is closed, the organiser adds a finalist to a pool they manage.
          ...(detail.canManage && data.state !== 'open'
            ? [
                {
                  title: '师资库',
                  key: 'pool',
                  width: 100,
                  card: 'actions' as const,
                  render: (_: unknown, x: ResultItem) =>
                    x.withdrawn ? null : <AddToPoolButton entryId={x.entryId} speakerName={x.speakerName} />,
                },
              ]
            : []),
          // 网上微课堂: the organiser proposes a result's lecture video for the classroom.
          ...(detail.canManage
            ? [
                {
                  title: '微课堂',
                  key: 'classroom',
                  width: 120,
                  card: 'actions' as const,
                  render: (_: unknown, x: ResultItem) =>
                    x.withdrawn ? null : <ProposeLectureButton entryId={x.entryId} />,
                },
              ]
            : []),
          {
            title: '最后得分',
            dataIndex: 'score',
            width: 90,
            align: 'right',
            render: (v: string | null) => (v === null ? '—' : <strong>{v}</strong>),
          },
          {
            title: '未去分平均',
            dataIndex: 'untrimmedMean',
            width: 100,
            align: 'right',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: '有效/应评',
            key: 'used',
            width: 90,
            align: 'center',
            render: (_: unknown, x) => (
              <>
                {x.used}/{x.assigned}
                {x.awaiting > 0 && (
                  <div>
                    <Typography.Text type="warning">待交 {x.awaiting}</Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            title: '说明',
            key: 'note',
            width: 240,
            card: 'full',
            render: (_: unknown, x) => (
              <Space orientation="vertical" size={4}>
                <Flex wrap gap={4}>
                  {x.withdrawn && <Tag>已退赛</Tag>}
                  {x.advancement === 'yes' && <Tag color="green">晋级</Tag>}
                  {x.advancement === 'pending' && <Tag color="gold">晋级待定</Tag>}
                  {x.needsDecision && <Tag color="red">需裁定</Tag>}
                  {x.flags
                    .filter((f) => !x.withdrawn || !f.startsWith('已退赛'))
                    .map((f, i) => (
                      <Tag key={i} color="orange" style={{ whiteSpace: 'normal' }}>
                        {f}
                      </Tag>
                    ))}
                </Flex>
                {x.withdrawn && (
                  <Typography.Text type="secondary">
                    {x.withdrawnReason}（{formatDateTime(x.withdrawnAt)}），不参加排名和晋级
                  </Typography.Text>
                )}
                {x.advancementNote && <Typography.Text type="warning">{x.advancementNote}</Typography.Text>}
                {x.note && <Typography.Text type="secondary">{x.note}</Typography.Text>}
                {x.needsDecision && x.tiedWith.length > 0 && (
                  <Typography.Text type="secondary">与 {x.tiedWith.join('、')} 同分</Typography.Text>
                )}
                {x.needsDecision && canAct && isGroupHead(x) && (
                  <Button size="small" danger onClick={() => setTie(groupOf(x))}>
                    裁定名次
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <SpreadTable spread={data.spread} />
      {tie && <TieModal roundId={roundId} group={tie} onClose={() => setTie(null)} />}
      <ReasonModal
        open={pair?.kind === 'reopen'}
        title="重新打开评分"
        okText="重新打开"
        label="原因"
        description={
          pair && (
            <>
              作品 {pair.item.code}，评委 {pair.judge.name}。打开后评委可以修改这份评分
              {data.state === 'closed' ? '，本轮将恢复为「评审中」' : ''}；原因会记入评分记录。
            </>
          )
        }
        placeholder="例如：评委反映误填了分数"
        onClose={() => setPair(null)}
        successText="已重新打开，请通知评委修改后再次提交"
        onSubmit={(reason) =>
          m.reopenScore.mutateAsync({ entryId: pair!.item.entryId, judgeId: pair!.judge.judgeId, reason })
        }
      />
      <ReasonModal
        open={pair?.kind === 'remove'}
        title="移除该评委"
        okText="移除"
        danger
        label="原因"
        description={
          pair && (
            <>
              把评委 {pair.judge.name} 从作品 {pair.item.code} 移除，这件作品的得分将只按其余评委的评分计算。
            </>
          )
        }
        placeholder="例如：评委与作者有亲属关系，应回避"
        onClose={() => setPair(null)}
        successText="已移除该评委的评分"
        onSubmit={(reason) =>
          m.removeScore.mutateAsync({ entryId: pair!.item.entryId, judgeId: pair!.judge.judgeId, reason })
        }
      />
    </>
  );
}
