import { Alert, Button, Col, Flex, Row } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState, PageLoading } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useLecture } from '../api.ts';
import { LectureManagePanel, LectureStateTag } from '../components/LectureManagePanel.tsx';
import { LectureView } from '../components/LectureView.tsx';
import { LearningLectureView } from '../components/LearningLectureView.tsx';
import { useMe } from '../../../lib/me.ts';

/**
 * A classroom lecture: the player with the manuscript beside it (below on a phone). Its managers see
 * the publishing steps under it; the speaker is sent to answer the consent question; someone who saw
 * it before it was taken down reads why.
 */
export default function LecturePage() {
  const { id = '' } = useParams();
  const { data: l, error, refetch } = useLecture(id);
  const { data: me } = useMe();
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!l) return <PageLoading />;
  const takenDown = l.state === 'unpublished' && !l.canManage;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={l.title}
        extra={l.state !== 'published' ? <LectureStateTag state={l.state} label={l.stateLabel} /> : undefined}
      />
      {takenDown && (
        <Alert
          type="warning"
          showIcon
          title="这节微课已下架"
          description={`${l.unpublishedAt ? `${formatDateTime(l.unpublishedAt)} ` : ''}下架原因：${l.unpublishReason ?? '未说明'}`}
        />
      )}
      {l.mayAnswerConsent && (
        <Alert
          type="info"
          showIcon
          title="组织者推荐把您的这节宣讲发布到网上微课堂，请答复是否同意"
          action={
            <Link to={`/classroom/lectures/${l.id}/consent`}>
              <Button type="primary">去答复</Button>
            </Link>
          }
        />
      )}
      {!takenDown &&
        (me?.memberId && l.state === 'published' ? (
          <LearningLectureView lecture={l} />
        ) : (
          <LectureView lecture={l} resumeKey={`lecture-${l.id}`} />
        ))}
      {l.canManage && (
        <Row>
          <Col xs={24} lg={14}>
            <LectureManagePanel lecture={l} />
          </Col>
        </Row>
      )}
    </Flex>
  );
}
