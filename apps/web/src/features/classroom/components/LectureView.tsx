import { useState } from 'react';
import { Button, Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import type { LectureDocument } from '@jiangtai/contracts';
import { PdfViewer } from '../../../components/PdfViewer.tsx';
import { downloadFile } from '../../../lib/api.ts';
import { formatDate, formatDuration } from '../../../lib/format.ts';
import { LecturePlayer } from './LecturePlayer.tsx';

export interface LectureViewData {
  title: string;
  speakerName: string;
  speakerUnit: string;
  category: string;
  tags: string[];
  summary: string;
  durationSeconds: number;
  publishedAt: string | null;
  video: { masterUrl: string; posterUrl: string | null } | null;
  documents: LectureDocument[];
}

const PREVIEW_WAIT: Record<LectureDocument['previewStatus'], string> = {
  pending: '正在生成在线阅读版，请稍后刷新',
  processing: '正在生成在线阅读版，请稍后刷新',
  failed: '在线阅读版生成失败，请下载原文件查看',
  none: '此文件不能在线阅读，请下载查看',
  ready: '',
};

function DocumentCard({ doc }: { doc: LectureDocument }) {
  const title = doc.kind === 'manuscript' ? '讲稿' : '课件';
  // The manuscript is read beside the video; the courseware opens on demand.
  const [open, setOpen] = useState(doc.kind === 'manuscript');
  const download = doc.downloadUrl ? () => void downloadFile(doc.downloadUrl!, doc.name) : undefined;
  return (
    <Card
      size="small"
      title={title}
      data-testid={`lecture-${doc.kind}`}
      extra={
        <Space size={4}>
          {doc.previewUrl && doc.kind === 'courseware' && (
            <Button size="small" onClick={() => setOpen(!open)}>
              {open ? '收起课件' : '查看课件'}
            </Button>
          )}
          {download && (
            <Button size="small" onClick={download}>
              下载{title}
            </Button>
          )}
        </Space>
      }
    >
      {doc.previewUrl ? (
        open && (
          <div style={{ maxHeight: 720, overflow: 'auto' }}>
            <PdfViewer url={doc.previewUrl} title={doc.name} onDownload={download} />
          </div>
        )
      ) : (
        <Typography.Text type="secondary">{PREVIEW_WAIT[doc.previewStatus]}</Typography.Text>
      )}
    </Card>
  );
}

/**
 * A lecture as learners see it: the player and its facts, the manuscript beside the video on a wide
 * screen and below it on a phone, the courseware on demand. Shared by the lecture page, the public page.
 */
export function LectureView({
  lecture,
  resumeKey,
  onVideo,
  resumeFrom,
  belowPlayer,
}: {
  lecture: LectureViewData;
  resumeKey: string;
  onVideo?: (el: HTMLVideoElement | null) => void;
  resumeFrom?: number;
  /** Shown right under the player (a member's learning progress). */
  belowPlayer?: React.ReactNode;
}) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Flex vertical gap={12}>
          {lecture.video ? (
            <LecturePlayer
              src={lecture.video.masterUrl}
              poster={lecture.video.posterUrl}
              resumeKey={resumeKey}
              onVideo={onVideo}
              resumeFrom={resumeFrom}
            />
          ) : (
            <Typography.Text type="secondary">视频暂时不能播放。</Typography.Text>
          )}
          {belowPlayer}
          <div>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {lecture.title}
            </Typography.Title>
            <Typography.Text type="secondary" data-testid="lecture-byline">
              {lecture.speakerName}
              {lecture.speakerUnit ? ` · ${lecture.speakerUnit}` : ''} ·{' '}
              {formatDuration(lecture.durationSeconds)}
              {lecture.publishedAt ? ` · ${formatDate(lecture.publishedAt)}发布` : ''}
            </Typography.Text>
          </div>
          {(lecture.category || lecture.tags.length > 0) && (
            <Flex wrap gap={4}>
              {lecture.category && <Tag color="red">{lecture.category}</Tag>}
              {lecture.tags.map((t) => (
                <Tag key={t}>{t}</Tag>
              ))}
            </Flex>
          )}
          {lecture.summary && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {lecture.summary}
            </Typography.Paragraph>
          )}
        </Flex>
      </Col>
      <Col xs={24} lg={10}>
        <Flex vertical gap={12}>
          {lecture.documents.map((d) => (
            <DocumentCard key={d.kind} doc={d} />
          ))}
        </Flex>
      </Col>
    </Row>
  );
}
