import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import {
  audienceTypeLabels,
  genderLabels,
  poolSpeakerEventLabels,
  poolSpeakerSourceLabels,
  poolSpeakerStatusLabels,
  type PoolSpeakerDetail,
  type SpeakerDetails,
} from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { ReasonModal } from '../../reviews/components/ReasonModal.tsx';
import { usePoolMutations, useSpeaker } from '../api.ts';
import { FormModal } from '../components/FormModal.tsx';
import { OrderRecordCard } from '../components/OrderRecordCard.tsx';
import { speakerStatusColors } from '../components/labels.ts';
import { SpeakerAvatar } from '../components/SpeakerAvatar.tsx';
import { SpeakerFields } from '../components/SpeakerFields.tsx';
import { SpeakerPhotoField } from '../components/SpeakerPhotoField.tsx';

/** A speaker: details, where they came from, and every change with who, when and why. */
export default function SpeakerPage() {
  const { id = '' } = useParams();
  const { data, error, isPending, refetch } = useSpeaker(id);
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return <SpeakerBody s={data} />;
}

function SpeakerBody({ s }: { s: PoolSpeakerDetail }) {
  const m = usePoolMutations();
  const [editing, setEditing] = useState(false);
  const [leaving, setLeaving] = useState<'leave' | 'retire' | null>(null);
  const open = s.status === 'active' || s.status === 'nominated';
  return (
    <>
      <PageHeader
        title={
          <Space>
            <SpeakerAvatar name={s.name} thumbUrl={s.photo?.thumbUrl} size={48} />
            {s.name}
          </Space>
        }
        sub={<Link to={`/pools/${s.pool.id}`}>{s.pool.name}</Link>}
        extra={
          <Space wrap>
            {s.manages && open && <Button onClick={() => setEditing(true)}>修改信息</Button>}
            {s.status === 'active' && (s.isSelf || s.manages) && (
              <Button onClick={() => setLeaving('leave')}>{s.isSelf ? '退出师资库' : '办理退出'}</Button>
            )}
            {s.status === 'active' && s.manages && (
              <Button danger onClick={() => setLeaving('retire')}>
                退库
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label="状态">
            <Tag color={speakerStatusColors[s.status]}>{poolSpeakerStatusLabels[s.status]}</Tag>
            {s.statusReason && <Typography.Text type="secondary">{s.statusReason}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="性别">{s.gender ? genderLabels[s.gender] : '—'}</Descriptions.Item>
          <Descriptions.Item label="单位及职务">{s.unitTitle || '—'}</Descriptions.Item>
          <Descriptions.Item label="政治面貌">{s.politicalStatus ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{s.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="宣讲专长">{s.specialties.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="适合对象">
            {s.audiences.map((a) => audienceTypeLabels[a]).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="可宣讲时间">{s.availability || '—'}</Descriptions.Item>
          <Descriptions.Item label="入库方式">
            {poolSpeakerSourceLabels[s.source]}
            {s.nominatedBy ? `（${s.nominatedBy}推荐）` : ''}
          </Descriptions.Item>
          {s.sourceEntry && (
            <Descriptions.Item label="参赛作品">
              {s.sourceEntry.campaignTitle}《{s.sourceEntry.title}》
            </Descriptions.Item>
          )}
          <Descriptions.Item label="简介" span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {s.bio || '—'}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {s.orderRecord && <OrderRecordCard r={s.orderRecord} />}
      <Card size="small" title="入库记录" data-testid="speaker-history">
        <Timeline
          items={s.events.map((e) => ({
            key: e.id,
            children: (
              <>
                <Typography.Text strong>{poolSpeakerEventLabels[e.action]}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {e.actorName ?? '系统'} · {formatDateTime(e.at)}
                </Typography.Text>
                {e.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>}
              </>
            ),
          }))}
        />
      </Card>
      <FormModal<SpeakerDetails>
        open={editing}
        title="修改宣讲员信息"
        okText="保存"
        successText="已保存"
        initialValues={{
          specialties: s.specialties,
          audiences: s.audiences,
          bio: s.bio,
          availability: s.availability,
        }}
        onClose={() => setEditing(false)}
        onSubmit={(v) =>
          m.edit.mutateAsync({
            id: s.id,
            specialties: v.specialties ?? [],
            audiences: v.audiences ?? [],
            bio: v.bio ?? '',
            availability: v.availability ?? '',
          })
        }
      >
        <SpeakerPhotoField s={s} />
        <SpeakerFields />
      </FormModal>
      <ReasonModal
        open={!!leaving}
        title={leaving === 'retire' ? `将 ${s.name} 退库` : `${s.name} 退出师资库`}
        okText={leaving === 'retire' ? '退库' : '退出'}
        danger
        successText={leaving === 'retire' ? '已退库' : '已退出师资库'}
        description="入库记录会保留。"
        onClose={() => setLeaving(null)}
        onSubmit={(reason) => m.leave.mutateAsync({ id: s.id, reason, kind: leaving! })}
      />
    </>
  );
}
