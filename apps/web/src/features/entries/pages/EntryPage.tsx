import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { ProposeLectureButton } from '../../classroom/components/ProposeLectureButton.tsx';
import { hasRole, useCurrentMe } from '../../../lib/me.ts';
import { ArrowLeftOutlined, FileWordOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { genderLabels, type EntryDetail, type EntryMaterialKind } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { formatDeadline, useEntry, useEntryMutations } from '../api.ts';
import { CompletenessTags } from '../components/CompletenessTags.tsx';
import { EntryStateTag } from '../components/EntryStateTag.tsx';
import { EventTimeline } from '../components/EventTimeline.tsx';
import { MaterialSlot } from '../components/MaterialSlot.tsx';
import { EntryForm } from '../components/EntryForm.tsx';
import { ReturnModal } from '../components/ReturnModal.tsx';
import { ScanDue } from '../components/ScanDue.tsx';

const speakerSlots: EntryMaterialKind[] = ['video', 'manuscript', 'courseware'];

function Actions({ entry }: { entry: EntryDetail }) {
  const { message, modal } = App.useApp();
  const m = useEntryMutations();
  const [returning, setReturning] = useState(false);
  const isManager = hasRole(useCurrentMe(), ['platform_admin', 'organiser', 'unit_admin']);
  const run = (p: Promise<unknown>, done: string) =>
    p
      .then(() => void message.success(done))
      .catch((e: unknown) => void modal.error({ title: '操作未完成', content: errorText(e) }));
  return (
    <>
      {entry.can.submit && (
        <Button
          type="primary"
          loading={m.submit.isPending}
          onClick={() => void run(m.submit.mutateAsync(entry.id), '已提交')}
        >
          提交作品
        </Button>
      )}
      {entry.can.recommend && (
        <Button
          type="primary"
          loading={m.recommend.isPending}
          onClick={() => void run(m.recommend.mutateAsync(entry.id), '已推荐')}
        >
          推荐
        </Button>
      )}
      {entry.can.return && (
        <Button danger onClick={() => setReturning(true)}>
          退回
        </Button>
      )}
      {entry.can.withdraw && (
        <Button
          onClick={() =>
            modal.confirm({
              title: '撤回这件作品？',
              content:
                '撤回后作品不再参加本阶段评选；正在进行的评审中将标为「已退赛」，评委不再评分，不参加排名和晋级。如需重新参加，可另行新建作品。',
              okText: '撤回',
              cancelText: '取消',
              onOk: () => run(m.withdraw.mutateAsync(entry.id), '已撤回'),
            })
          }
        >
          撤回
        </Button>
      )}
      {/* 推荐到微课堂: managers, once the entry has a video (the form says whether it is processed). */}
      {isManager &&
        entry.state !== 'withdrawn' &&
        entry.materials.some((x) => x.material === 'video' && x.current) && (
          <ProposeLectureButton entryId={entry.id} size="middle" />
        )}
      <ReturnModal entryId={entry.id} open={returning} onClose={() => setReturning(false)} />
    </>
  );
}

export default function EntryPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: entry, error, isPending, refetch } = useEntry(id);
  const [editing, setEditing] = useState(false);
  if (isPending) return <BlockLoading rows={10} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const current = (kind: EntryMaterialKind) => entry.materials.find((m) => m.material === kind && m.current);
  const req = entry.materialRequirements;
  const slotRequirement = { video: req.video, manuscript: req.manuscript, courseware: req.courseware };

  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap="wrap">
            {entry.title} <EntryStateTag state={entry.state} />
          </Flex>
        }
        sub={`${entry.campaignTitle} · ${entry.stageName} · ${entry.unitName}`}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
              返回
            </Button>
            <Actions entry={entry} />
          </>
        }
      />
      {entry.state === 'returned' && entry.returnReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="作品被退回"
          description={`原因：${entry.returnReason}。修改后可再次提交。`}
        />
      )}
      {entry.stageDeadlinePassed && entry.state !== 'withdrawn' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本阶段报送已于 ${formatDeadline(entry.deadline)} 截止，作品和材料不能再更改；如确需延期，请联系活动组织者。`}
        />
      )}
      <ScanDue entry={entry} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title="作品信息"
            style={{ marginBottom: 12 }}
            extra={
              entry.can.edit && !editing ? (
                <Button size="small" onClick={() => setEditing(true)}>
                  修改
                </Button>
              ) : null
            }
          >
            {editing ? (
              <EntryForm entry={entry} onDone={() => setEditing(false)} />
            ) : (
              <Descriptions
                column={{ xs: 1, sm: 2 }}
                size="small"
                items={[
                  {
                    key: 's',
                    label: '宣讲人',
                    children: `${entry.speaker.name}（${genderLabels[entry.speaker.gender]}）`,
                  },
                  { key: 'p', label: '联系电话', children: entry.speaker.phone ?? '—' },
                  {
                    key: 'o',
                    label: '所在党组织及职务',
                    children: `${entry.speaker.orgName} ${entry.speaker.positions.join('、')}`,
                  },
                  { key: 'c', label: '宣讲类别', children: entry.categoryName },
                  { key: 'd', label: '截止时间', children: formatDeadline(entry.deadline) },
                  {
                    key: 'm',
                    label: '材料',
                    children: <CompletenessTags completeness={entry.completeness} />,
                  },
                  {
                    key: 'outline',
                    label: '讲稿提纲',
                    span: 'filled',
                    children: (
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                        {entry.outline || '（未填写）'}
                      </Typography.Paragraph>
                    ),
                  },
                ]}
              />
            )}
          </Card>
          <Flex vertical gap={12}>
            {speakerSlots
              .filter((k) => slotRequirement[k as keyof typeof slotRequirement] !== 'unused')
              .map((k) => (
                <MaterialSlot
                  key={k}
                  entryId={entry.id}
                  kind={k}
                  requirement={slotRequirement[k as keyof typeof slotRequirement]}
                  current={current(k)}
                  canChange={entry.can.uploadMaterials}
                  canRetryJob={entry.can.recommendationForm}
                  onChanged={() => void refetch()}
                />
              ))}
            {req.recommendationForm !== 'unused' && (
              <Card
                size="small"
                title="推荐表"
                extra={
                  entry.can.recommendationForm ? (
                    <Button
                      size="small"
                      icon={<FileWordOutlined />}
                      onClick={() =>
                        void downloadFile(
                          `/api/entries/${entry.id}/recommendation-form`,
                          '推荐表.docx',
                        ).catch((e: unknown) => message.error(errorText(e)))
                      }
                    >
                      下载推荐表（Word）
                    </Button>
                  ) : null
                }
              >
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  推荐表按通知附件格式生成，已填好姓名、性别、联系电话、所在基层党组织及职务和讲稿提纲；作品创建后即可下载，
                  单位核对、盖章后扫描上传，须在推荐前上传。信息有误请先修改党员信息或作品的讲稿提纲，再重新下载。
                </Typography.Paragraph>
                <MaterialSlot
                  entryId={entry.id}
                  kind="recommendation_scan"
                  requirement={req.recommendationForm}
                  current={current('recommendation_scan')}
                  canChange={entry.can.recommendationForm && !entry.stageDeadlinePassed}
                  canRetryJob={false}
                  onChanged={() => void refetch()}
                />
              </Card>
            )}
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title="状态记录">
            <EventTimeline entryId={entry.id} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
