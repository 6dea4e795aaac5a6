import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, List, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import {
  lectureFieldLabels,
  lectureOccasionLabels,
  type LectureCorrectionView,
  type LectureRecordDetail,
} from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { useLecture, useLectureMutations } from '../api.ts';
import { DecisionButtons } from '../components/DecisionButtons.tsx';
import { PhotoGallery } from '../../../components/uploads/PhotoGallery.tsx';
import { ReasonModal } from '../components/ReasonModal.tsx';
import { LectureStatusTag } from '../components/StatusTag.tsx';

function Photos({ r }: { r: LectureRecordDetail }) {
  const photos = r.files.filter((f) => f.kind === 'photo');
  const others = r.files.filter((f) => f.kind !== 'photo');
  if (!r.files.length) return <Typography.Text type="secondary">没有上传照片</Typography.Text>;
  return (
    <Flex vertical gap={12}>
      <PhotoGallery photos={photos} testId="lecture-photos" />
      {others.map((f) =>
        f.kind === 'video' ? (
          <video
            key={f.id}
            src={f.url}
            controls
            preload="metadata"
            style={{ width: '100%', maxWidth: 480 }}
          />
        ) : (
          <a key={f.id} href={`${f.url}?download=1`}>
            讲稿：{f.name}
          </a>
        ),
      )}
    </Flex>
  );
}

function Corrections({ items }: { items: LectureCorrectionView[] }) {
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(c) => (
        <List.Item key={c.id}>
          <Flex vertical gap={2}>
            <Typography.Text>
              {formatDateTime(c.correctedAt)} {c.correctedBy} 更正，原因：{c.reason}
            </Typography.Text>
            {Object.keys(c.after).map((k) => (
              <Typography.Text key={k} type="secondary">
                {lectureFieldLabels[k] ?? k}：{c.before[k]} → {c.after[k]}
              </Typography.Text>
            ))}
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** One record: what was held, the photos (tap to enlarge), its state and what the viewer may do. */
export default function LecturePage() {
  const { id = '' } = useParams();
  const { data: r, error, isPending, refetch } = useLecture(id);
  const m = useLectureMutations();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [deleting, setDeleting] = useState(false);
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <PageHeader
        title={r.topic}
        sub={`${r.orgName} · ${r.campaignTitle}`}
        extra={<LectureStatusTag record={r} />}
      />
      <Flex vertical gap={12} style={{ maxWidth: 760 }}>
        {r.returnReason && (
          <Alert
            type="warning"
            showIcon
            title={`已退回：${r.returnReason}`}
            description="请修改后重新提交"
            data-testid="lecture-return-reason"
          />
        )}
        {r.deleted && (
          <Alert
            type="error"
            showIcon
            title={`已删除（${formatDateTime(r.deletedAt)}）`}
            description={r.deleteReason ? `原因：${r.deleteReason}` : undefined}
          />
        )}
        <Card size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label="宣讲日期">{formatDate(r.heldOn)}</Descriptions.Item>
            <Descriptions.Item label="宣讲场合">{lectureOccasionLabels[r.occasion]}</Descriptions.Item>
            <Descriptions.Item label="宣讲类别">{r.categoryName}</Descriptions.Item>
            <Descriptions.Item label="宣讲人">
              {r.speakerName}
              {r.isGuest ? '（特邀，不计入人人上讲台）' : ''}
            </Descriptions.Item>
            <Descriptions.Item label="参加人数">{r.attendance} 人</Descriptions.Item>
            {r.attendees.length > 0 && (
              <Descriptions.Item label="参加人员">
                {r.attendees.map((a) => a.name).join('、')}
              </Descriptions.Item>
            )}
            {r.summary && <Descriptions.Item label="内容摘要">{r.summary}</Descriptions.Item>}
            <Descriptions.Item label="登记">
              {r.recordedBy} · {formatDateTime(r.createdAt)}
            </Descriptions.Item>
            {r.decidedBy && (
              <Descriptions.Item label={r.status === 'confirmed' ? '确认' : '处理'}>
                {r.decidedBy} · {formatDateTime(r.decidedAt)}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card size="small" title="照片、视频和讲稿">
          <Photos r={r} />
        </Card>
        {r.corrections.length > 0 && (
          <Card size="small" title="更正记录">
            <Corrections items={r.corrections} />
          </Card>
        )}
        <Flex gap={8} wrap="wrap">
          {r.can.decide && <DecisionButtons id={r.id} topic={r.topic} />}
          {r.can.edit && (
            <Button
              type={r.status === 'returned' ? 'primary' : 'default'}
              onClick={() => void navigate(`/lectures/${r.id}/edit`)}
            >
              {r.status === 'returned' ? '修改并重新提交' : '修改'}
            </Button>
          )}
          {r.can.correct && <Button onClick={() => void navigate(`/lectures/${r.id}/correct`)}>更正</Button>}
          {r.can.delete && (
            <Button danger onClick={() => setDeleting(true)}>
              删除
            </Button>
          )}
        </Flex>
      </Flex>
      <ReasonModal
        title="删除宣讲记录"
        okText="删除"
        label="删除原因"
        required={r.can.deleteNeedsReason}
        open={deleting}
        loading={m.remove.isPending}
        onClose={() => setDeleting(false)}
        onOk={(reason) =>
          m.remove.mutateAsync({ id: r.id, reason }).then(() => {
            void message.success('已删除');
            void navigate('/lectures', { replace: true });
          })
        }
      />
    </>
  );
}
