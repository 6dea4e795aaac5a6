import { useState } from 'react';
import { Alert, App, Button, Flex, Modal, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { assignmentStatusLabels, type AssignmentStatus } from '@jiangtai/contracts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { ApiError, errorText } from '../../../lib/api.ts';
import { useRoundMutations, type ManualWarning, type RoundDetail, type RoundEntry } from '../api.ts';

export const assignmentStatusColors: Record<AssignmentStatus, string> = {
  open: 'default',
  draft: 'gold',
  submitted: 'green',
  removed: 'red',
};

function JudgeTags({ entry }: { entry: RoundEntry }) {
  // A withdrawn entry is no longer judged: say so instead of showing work that will not happen.
  if (entry.withdrawn)
    return (
      <Space orientation="vertical" size={2}>
        <Tag style={{ marginInlineEnd: 0 }}>已退赛</Tag>
        <Typography.Text type="secondary">{entry.withdrawnReason}，评委不再评分</Typography.Text>
      </Space>
    );
  if (entry.judges.length === 0) return <Typography.Text type="secondary">未分配</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {entry.judges.map((j) => {
        const tag = (
          <Tag key={j.judgeId} color={assignmentStatusColors[j.status]} style={{ marginInlineEnd: 0 }}>
            {j.name} · {assignmentStatusLabels[j.status]}
          </Tag>
        );
        if (j.unitConflict)
          return (
            <Tooltip
              key={j.judgeId}
              title="该评委现在属于本作品所在单位，不能为其评分。请评委申报回避，或在此调整评委；已提交的评分请在评分结果中移除"
            >
              <Tag color="error" style={{ marginInlineEnd: 0 }}>
                {j.name} · 现属作品单位，需回避
              </Tag>
            </Tooltip>
          );
        return j.removedReason ? (
          <Tooltip key={j.judgeId} title={`移除原因：${j.removedReason}`}>
            {tag}
          </Tooltip>
        ) : (
          tag
        );
      })}
    </Flex>
  );
}

/** The organiser sets one entry's judges; conflicts and imbalance are shown before saving. */
function AdjustJudgesModal({
  detail,
  entry,
  onClose,
}: {
  detail: RoundDetail;
  entry: RoundEntry;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const m = useRoundMutations(detail.round.id);
  const [judgeIds, setJudgeIds] = useState<string[]>(
    entry.judges.filter((j) => j.status !== 'removed').map((j) => j.judgeId),
  );
  const [warnings, setWarnings] = useState<ManualWarning[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locked = new Set(entry.judges.filter((j) => j.status !== 'open').map((j) => j.judgeId));
  const perEntry = detail.round.config.judgesPerEntry;

  const save = async (acceptWarnings: boolean) => {
    setError(null);
    try {
      const out = await m.setEntryJudges.mutateAsync({ entryId: entry.entryId, judgeIds, acceptWarnings });
      if (!out.saved) {
        setWarnings(out.warnings);
        return;
      }
      void message.success('已保存该作品的评委');
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Modal
      open
      title={`调整评委：${entry.code} ${entry.title}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          {warnings ? (
            <Button
              type="primary"
              danger
              loading={m.setEntryJudges.isPending}
              onClick={() => void save(true)}
            >
              仍然保存
            </Button>
          ) : (
            <Button type="primary" loading={m.setEntryJudges.isPending} onClick={() => void save(false)}>
              保存
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        每件作品应有 {perEntry} 位评委。已打分的评委不能在这里取消，请在「评分结果」中移除并写明原因。
      </Typography.Paragraph>
      <Select
        mode="multiple"
        aria-label="评委"
        style={{ width: '100%' }}
        value={judgeIds}
        onChange={(v: string[]) => {
          setJudgeIds([...new Set([...v, ...judgeIds.filter((id) => locked.has(id))])]);
          setWarnings(null);
        }}
        placeholder="选择评委"
        optionFilterProp="label"
        options={detail.panel
          .filter((j) => j.active || judgeIds.includes(j.userId))
          .map((j) => ({
            value: j.userId,
            label: `${j.name}（已分配 ${j.assigned} 件）`,
            disabled: locked.has(j.userId),
          }))}
      />
      <Typography.Paragraph style={{ marginTop: 8 }}>已选 {judgeIds.length} 位</Typography.Paragraph>
      {warnings && (
        <Alert
          type="warning"
          showIcon
          title="请确认以下情况后再保存"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {warnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

/** 「作品与分配」: the round's entries with their judges; automatic and manual assignment. */
export function EntriesTab({ detail }: { detail: RoundDetail }) {
  const { message } = App.useApp();
  const m = useRoundMutations(detail.round.id);
  const [adjusting, setAdjusting] = useState<RoundEntry | null>(null);
  const [assignNote, setAssignNote] = useState<{
    type: 'success' | 'warning' | 'error';
    title: string;
    items: string[];
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const manage = detail.canManage && detail.round.state === 'open';

  const assign = () => {
    setError(null);
    setAssignNote(null);
    m.assign.mutate(undefined, {
      onSuccess: (out) =>
        setAssignNote({
          type: out.warnings.length ? 'warning' : 'success',
          title: out.added ? `已自动分配 ${out.added} 份评审任务` : '所有作品都已配齐评委，没有新的分配',
          items: out.warnings,
        }),
      onError: (e) => {
        // Seats that cannot be filled come as a list naming the judges and entries in the way.
        const problems = e instanceof ApiError ? e.body.problems : undefined;
        if (Array.isArray(problems) && problems.length > 0)
          setAssignNote({
            type: 'error',
            title: '无法完成自动分配，请调整评委组或核对评委的所在单位：',
            items: problems.map(String),
          });
        else setError(errorText(e));
      },
    });
  };

  const refresh = () => {
    setError(null);
    m.refreshEntries.mutate(undefined, {
      onSuccess: (out) =>
        void message.success(out.added ? `已加入 ${out.added} 件新推荐的作品` : '没有新推荐的作品'),
      onError: (e) => setError(errorText(e)),
    });
  };

  return (
    <>
      {manage && (
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<TeamOutlined />} loading={m.assign.isPending} onClick={assign}>
            自动分配
          </Button>
          <Button icon={<PlusOutlined />} loading={m.refreshEntries.isPending} onClick={refresh}>
            加入新推荐的作品
          </Button>
        </Flex>
      )}
      {error && <Alert type="error" showIcon title={error} closable style={{ marginBottom: 12 }} />}
      {assignNote && (
        <Alert
          type={assignNote.type}
          showIcon
          closable
          onClose={() => setAssignNote(null)}
          title={assignNote.title}
          description={
            assignNote.items.length ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {assignNote.items.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {detail.conflicts.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={`评委声明回避 ${detail.conflicts.length} 次`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {detail.conflicts.map((c) => (
                <li key={`${c.entryId}:${c.judgeId}`}>
                  {detail.entries.find((e) => e.entryId === c.entryId)?.code ?? c.entryId}：{c.judgeName}——
                  {c.reason}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <ResponsiveTable<RoundEntry>
        aria-label="作品与分配"
        size="small"
        rowKey="entryId"
        dataSource={detail.entries}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '本轮还没有作品' }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 90, card: 'title' },
          { title: '标题', dataIndex: 'title', width: 200, card: 'title' },
          { title: '宣讲人', dataIndex: 'speakerName', width: 90 },
          { title: '单位', dataIndex: 'unitName', width: 160 },
          { title: '类别', dataIndex: 'categoryName', width: 100 },
          {
            title: '评委',
            key: 'judges',
            width: 260,
            card: 'full',
            render: (_: unknown, e) => <JudgeTags entry={e} />,
          },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, e: RoundEntry) =>
                    e.withdrawn ? null : (
                      <Button size="small" onClick={() => setAdjusting(e)} aria-label={`调整评委 ${e.code}`}>
                        调整评委
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {adjusting && (
        <AdjustJudgesModal detail={detail} entry={adjusting} onClose={() => setAdjusting(null)} />
      )}
    </>
  );
}
