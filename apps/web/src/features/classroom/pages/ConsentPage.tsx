import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Modal, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState, PageLoading } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { formatDateTime, formatDuration } from '../../../lib/format.ts';
import { useLecture, useLectureMutations } from '../api.ts';
import { LecturePlayer } from '../components/LecturePlayer.tsx';

/**
 * The speaker's consent: what will be published (title, summary, tags, documents, the video) and to
 * whom, then 同意 or 不同意 with a reason. Made for a phone, where the notice is opened.
 */
export default function ConsentPage() {
  const { id = '' } = useParams();
  const { data: l, error, refetch } = useLecture(id);
  const m = useLectureMutations(id);
  const { message } = App.useApp();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!l) return <PageLoading />;
  const answer = async (agree: boolean) => {
    try {
      await m.consent.mutateAsync(agree ? { agree } : { agree, reason });
      setDeclining(false);
      void message.success(agree ? '已同意，组织者将发布这节微课' : '已答复不同意');
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const audience =
    l.visibility === 'public'
      ? '所有人：公开页面无需登录即可观看，可被分享，也可嵌入单位网站'
      : `${l.orgName}及其下级单位的党员（登录平台后观看）`;
  return (
    <Flex vertical gap={16}>
      <PageHeader title="发布到网上微课堂的授权" />
      {!l.isSpeaker && <Alert type="info" showIcon title="这是宣讲人本人的授权页面，您只能查看" />}
      {l.isSpeaker && !l.mayAnswerConsent && (
        <Alert
          type={l.state === 'consent_declined' ? 'warning' : 'success'}
          showIcon
          title={`您已答复：${l.state === 'consent_declined' ? '不同意发布' : '同意发布'}`}
          description={l.consent ? `答复时间 ${formatDateTime(l.consent.at)}` : undefined}
          action={<Link to={`/classroom/lectures/${l.id}`}>查看微课</Link>}
        />
      )}
      <Card size="small" title="将要发布的内容">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="标题">{l.title}</Descriptions.Item>
          <Descriptions.Item label="宣讲人">
            {l.speakerName}（{l.speakerUnit}）
          </Descriptions.Item>
          {l.category && <Descriptions.Item label="类别">{l.category}</Descriptions.Item>}
          {l.tags.length > 0 && (
            <Descriptions.Item label="标签">
              {l.tags.map((t) => (
                <Tag key={t}>{t}</Tag>
              ))}
            </Descriptions.Item>
          )}
          {l.summary && <Descriptions.Item label="简介">{l.summary}</Descriptions.Item>}
          <Descriptions.Item label="视频">{formatDuration(l.durationSeconds)}</Descriptions.Item>
          <Descriptions.Item label="一同发布">
            {l.documents.length
              ? l.documents.map((d) => `${d.kind === 'manuscript' ? '讲稿' : '课件'}（${d.name}）`).join('、')
              : '无'}
          </Descriptions.Item>
          <Descriptions.Item label="发布单位">{l.orgName}</Descriptions.Item>
          <Descriptions.Item label="谁能看到">
            <Typography.Text strong data-testid="consent-audience">
              {audience}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          发布后组织者可以修改标题、简介等信息或下架，下架时会通知您。
        </Typography.Paragraph>
      </Card>
      {l.video && (
        <LecturePlayer src={l.video.masterUrl} poster={l.video.posterUrl} resumeKey={`consent-${l.id}`} />
      )}
      {l.mayAnswerConsent && (
        <Flex gap={12} wrap>
          <Button type="primary" size="large" loading={m.consent.isPending} onClick={() => void answer(true)}>
            同意发布
          </Button>
          <Button size="large" onClick={() => setDeclining(true)}>
            不同意
          </Button>
        </Flex>
      )}
      <Modal
        open={declining}
        title="不同意发布"
        okText="提交"
        cancelText="取消"
        okButtonProps={{ disabled: !reason.trim(), loading: m.consent.isPending }}
        onCancel={() => setDeclining(false)}
        onOk={() => void answer(false)}
      >
        <Input.TextArea
          aria-label="不同意的原因"
          rows={3}
          maxLength={300}
          value={reason}
          placeholder="请写明原因，组织者会看到"
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Flex>
  );
}
