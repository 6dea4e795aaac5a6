import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import {
  awardsUrl,
  useAwardMutations,
  useAwards,
  type AwardFlag,
  type AwardItem,
  type AwardsView,
  type DraftPerson,
  type DraftUnit,
} from '../api.ts';
import { AddToPoolButton } from '../../pool/components/AddToPoolButton.tsx';
import { ReasonModal } from '../../reviews/components/ReasonModal.tsx';
import { ListSettingsCard } from '../components/ListSettingsCard.tsx';
import { ObjectionsCard } from '../components/ObjectionsCard.tsx';
import { OrgRuleCard } from '../components/OrgRuleCard.tsx';
import { SealCard } from '../components/SealCard.tsx';
import { TieModal } from '../components/TieModal.tsx';
import { UnitAdjustModal } from '../components/UnitAdjustModal.tsx';

const tierTag = (tier: string | null, flagged = false) =>
  flagged ? (
    <Tag color="orange">待裁定</Tag>
  ) : tier ? (
    <Tag color="red">{tier}</Tag>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );

function Draft({ view }: { view: AwardsView }) {
  const { round, canManage } = view;
  const list = view.list!;
  const draft = view.draft!;
  const m = useAwardMutations(round.id);
  const { message } = App.useApp();
  const [tie, setTie] = useState<AwardFlag | null>(null);
  const [unit, setUnit] = useState<DraftUnit | null>(null);
  const personName = (id: string) => {
    const p = draft.persons.find((x) => x.entryId === id);
    return p ? `${p.speakerName}（${p.unitName}）${p.score ? ` ${p.score} 分` : ''}` : id;
  };
  const unitName = (id: string) => {
    const u = draft.units.find((x) => x.orgId === id);
    return u ? `${u.name}（${u.points} 分）` : id;
  };
  return (
    <Flex vertical gap={12}>
      {draft.blockers.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title="公示前还需处理"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {draft.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon title="奖项已全部评定，可以发布公示" />
      )}
      {canManage &&
        draft.flags.map((f) => (
          <Card key={`${f.kind}-${f.ids.join('-')}`} size="small">
            <Flex wrap="wrap" gap={8} align="center" justify="space-between">
              <Typography.Text>{f.message}</Typography.Text>
              <Button type="primary" onClick={() => setTie(f)}>
                裁定先后
              </Button>
            </Flex>
          </Card>
        ))}
      <Card size="small" title="个人奖项（按决赛排名）">
        <ResponsiveTable<DraftPerson>
          aria-label="个人奖项"
          rowKey="entryId"
          size="small"
          pagination={false}
          dataSource={draft.persons}
          columns={[
            { title: '名次', dataIndex: 'rank', width: 56 },
            { title: '宣讲人', dataIndex: 'speakerName', card: 'title' },
            { title: '单位', dataIndex: 'unitName' },
            { title: '作品', dataIndex: 'title' },
            { title: '得分', dataIndex: 'score', align: 'right', width: 72 },
            {
              title: '奖项',
              key: 'tier',
              card: 'extra',
              render: (_: unknown, p) => tierTag(p.tier, p.flagged),
            },
            { title: '裁定理由', dataIndex: 'decidedBy' },
          ]}
        />
      </Card>
      {list.orgAwards.length > 0 && (
        <>
          <OrgRuleCard
            list={list}
            disabled={!canManage}
            saving={m.update.isPending}
            onSave={(orgRule) => m.update.mutateAsync({ orgRule })}
          />
          <Card size="small" title="组织奖（预览）">
            <ResponsiveTable<DraftUnit>
              aria-label="组织奖"
              rowKey="orgId"
              size="small"
              pagination={false}
              dataSource={draft.units}
              columns={[
                { title: '排名', dataIndex: 'rank', width: 56 },
                { title: '单位', dataIndex: 'name', card: 'title' },
                { title: '参赛作品', dataIndex: 'finalists', width: 80 },
                {
                  title: '获奖',
                  key: 'awards',
                  render: (_: unknown, u) =>
                    Object.entries(u.awards)
                      .map(([t, n]) => `${t} ${n}`)
                      .join('、') || '—',
                },
                { title: '积分', dataIndex: 'points', align: 'right', width: 64 },
                {
                  title: '组织奖',
                  key: 'tier',
                  card: 'extra',
                  render: (_: unknown, u) => tierTag(u.tier, u.flagged),
                },
                {
                  title: '调整',
                  key: 'adjusted',
                  render: (_: unknown, u) => (u.adjusted ? `已调整：${u.adjusted.reason}` : '—'),
                },
                ...(canManage
                  ? [
                      {
                        title: '操作',
                        key: 'actions',
                        render: (_: unknown, u: DraftUnit) => (
                          <Button size="small" onClick={() => setUnit(u)}>
                            调整
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </>
      )}
      <ListSettingsCard
        list={list}
        disabled={!canManage}
        saving={m.update.isPending}
        onSave={(v) => m.update.mutateAsync(v)}
      />
      <SealCard roundId={round.id} list={list} canManage={canManage} />
      {canManage && (
        <Flex justify="flex-end">
          <Popconfirm
            title="发布表彰名单公示？"
            description="发布后名单和证书编号即确定，不能再修改。"
            okText="发布公示"
            cancelText="取消"
            disabled={draft.blockers.length > 0}
            onConfirm={() =>
              m.publish.mutateAsync(undefined).then(
                () => void message.success('表彰名单已公示'),
                (e: unknown) => void message.error(errorText(e)),
              )
            }
          >
            <Button
              type="primary"
              size="large"
              disabled={draft.blockers.length > 0}
              loading={m.publish.isPending}
            >
              发布公示
            </Button>
          </Popconfirm>
        </Flex>
      )}
      {tie && (
        <TieModal
          flag={tie}
          nameOf={tie.kind === 'person' ? personName : unitName}
          onClose={() => setTie(null)}
          onSubmit={(order, reason) => m.decideTie.mutateAsync({ kind: tie.kind, order, reason })}
        />
      )}
      {unit && (
        <UnitAdjustModal
          unit={unit}
          orgAwards={list.orgAwards.map((a) => a.name)}
          onClose={() => setUnit(null)}
          onSubmit={(change, reason) => m.adjustUnit.mutateAsync({ orgId: unit.orgId, ...change, reason })}
        />
      )}
    </Flex>
  );
}

function Published({ view }: { view: AwardsView }) {
  const { round, canManage } = view;
  const list = view.list!;
  const m = useAwardMutations(round.id);
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const download = (path: string, name: string, key: string) => {
    setBusy(key);
    downloadFile(path, name)
      .catch((e: unknown) => void message.error(errorText(e)))
      .finally(() => setBusy(null));
  };
  const noticePath = `/awards/notice/${list.noticeCode ?? ''}`;
  return (
    <Flex vertical gap={12}>
      <Alert
        type={list.state === 'final' ? 'success' : 'info'}
        showIcon
        title={
          list.state === 'final'
            ? `表彰名单已定稿（${formatDateTime(list.finalisedAt)}）`
            : `表彰名单公示中，公示期 ${list.noticeWorkingDays} 个工作日，至 ${formatDate(list.noticeEndsOn)}`
        }
        description={
          <Flex vertical gap={4}>
            <span>
              公示页面（无需登录）：<Link to={noticePath}>{`${window.location.origin}${noticePath}`}</Link>
            </span>
            <span>
              证书日期：{formatDate(list.certificateDate)} · 颁发单位：{list.issuer}
            </span>
          </Flex>
        }
      />
      {canManage && list.state === 'publicised' && (
        <Flex gap={8} wrap="wrap" align="center">
          <Popconfirm
            title="结束公示，定稿？"
            okText="定稿"
            cancelText="取消"
            disabled={!!list.finaliseBlockedReason}
            onConfirm={() =>
              m.finalise.mutateAsync(undefined).then(
                () => void message.success('表彰名单已定稿'),
                (e: unknown) => void message.error(errorText(e)),
              )
            }
          >
            <Button type="primary" disabled={!!list.finaliseBlockedReason} loading={m.finalise.isPending}>
              结束公示，定稿
            </Button>
          </Popconfirm>
          {list.finaliseBlockedReason && (
            <Typography.Text type="secondary">{list.finaliseBlockedReason}</Typography.Text>
          )}
          <Button danger onClick={() => setWithdrawing(true)}>
            撤回公示
          </Button>
        </Flex>
      )}
      <ObjectionsCard roundId={round.id} canManage={canManage} open={list.state === 'publicised'} />
      <ReasonModal
        open={withdrawing}
        title="撤回表彰名单公示"
        okText="撤回"
        danger
        successText="已撤回，名单回到草稿"
        description="撤回后名单回到草稿，可修改后重新发布；撤回期间证书查验页不再确认获奖。重新发布时未变的获奖保留原证书编号。"
        onClose={() => setWithdrawing(false)}
        onSubmit={(reason) => m.withdraw.mutateAsync({ reason })}
      />
      <Card
        size="small"
        title="获奖名单与证书"
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'zip'}
            onClick={() => download(awardsUrl(round.id, '/certificates.zip'), '证书.zip', 'zip')}
          >
            下载全部证书
          </Button>
        }
      >
        <ResponsiveTable<AwardItem>
          aria-label="获奖名单"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={view.items}
          locale={{ emptyText: '名单为空' }}
          columns={[
            {
              title: '奖项',
              dataIndex: 'tier',
              card: 'extra',
              render: (v: string) => <Tag color="red">{v}</Tag>,
            },
            { title: '获奖者', dataIndex: 'name', card: 'title' },
            { title: '类别', dataIndex: 'kind', render: (k: string) => (k === 'person' ? '个人' : '单位') },
            { title: '单位', dataIndex: 'unitName' },
            { title: '作品', dataIndex: 'title' },
            { title: '证书编号', dataIndex: 'certificateNo' },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, i) => (
                <Flex gap={8} wrap="wrap">
                  <Button
                    size="small"
                    icon={<FilePdfOutlined />}
                    loading={busy === i.id}
                    onClick={() =>
                      download(awardsUrl(round.id, `/certificates/${i.id}`), `${i.certificateNo}.pdf`, i.id)
                    }
                  >
                    下载证书
                  </Button>
                  <Button
                    size="small"
                    icon={<FileWordOutlined />}
                    loading={busy === `${i.id}-docx`}
                    onClick={() =>
                      download(
                        awardsUrl(round.id, `/certificates/${i.id}/docx`),
                        `${i.certificateNo}.docx`,
                        `${i.id}-docx`,
                      )
                    }
                  >
                    Word 版
                  </Button>
                  <Link to={`/certificates/${i.verifyCode}`}>查验页</Link>
                  {canManage && i.kind === 'person' && i.entryId && (
                    <AddToPoolButton entryId={i.entryId} speakerName={i.name} />
                  )}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <SealCard roundId={round.id} list={list} canManage={canManage} />
    </Flex>
  );
}

/** /rounds/:id/awards — the awards of a final round: tiers, 组织奖, 公示, certificates. */
export default function AwardsPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: view, error, isPending, refetch } = useAwards(id);
  const m = useAwardMutations(id);
  const { message } = App.useApp();
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const { round, list } = view;
  return (
    <>
      <PageHeader
        title={
          <>
            奖项与证书{' '}
            {list && <Tag color={list.state === 'draft' ? 'default' : 'green'}>{list.stateLabel}</Tag>}
          </>
        }
        sub={`${round.campaignTitle} · ${round.stageName} · ${round.name}`}
        extra={
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => void navigate(`/rounds/${round.id}?tab=results`)}
          >
            返回评分结果
          </Button>
        }
      />
      {!list ? (
        view.ineligibleReason ? (
          <Alert type="info" showIcon title={view.ineligibleReason} />
        ) : (
          <EmptyState text="还没有评定奖项。生成表彰名单后，按决赛排名和活动设置的奖项名额自动评定，跨越名额分界的同分由您裁定。">
            {view.canManage && (
              <Button
                type="primary"
                loading={m.create.isPending}
                onClick={() =>
                  m.create.mutateAsync({}).catch((e: unknown) => void message.error(errorText(e)))
                }
              >
                生成表彰名单
              </Button>
            )}
          </EmptyState>
        )
      ) : list.state === 'draft' ? (
        <Draft view={view} />
      ) : (
        <Published view={view} />
      )}
    </>
  );
}
