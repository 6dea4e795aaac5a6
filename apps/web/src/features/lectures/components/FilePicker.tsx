import { useRef } from 'react';
import { Alert, Button, Flex, Progress, Typography } from 'antd';
import {
  CameraOutlined,
  CloseOutlined,
  FileOutlined,
  PictureOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { LECTURE_FILE_LIMITS, LECTURE_FILE_MAX_MB, type LectureFileKind } from '@jiangtai/contracts';
import type { UploadItem } from '../useLectureUploads.ts';

const ACCEPT: Record<LectureFileKind, string> = {
  photo: 'image/*',
  video: 'video/mp4,video/quicktime,.mp4,.mov',
  manuscript:
    '.docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A hidden file input behind a button (the camera, the album, a document). */
function PickButton(props: {
  kind: LectureFileKind;
  capture?: boolean;
  multiple?: boolean;
  icon: React.ReactNode;
  label: string;
  testId: string;
  disabled?: boolean;
  onFiles: (kind: LectureFileKind, files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        accept={ACCEPT[props.kind]}
        multiple={props.multiple}
        data-testid={props.testId}
        {...(props.capture ? { capture: 'environment' } : {})}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) props.onFiles(props.kind, files);
        }}
      />
      <Button icon={props.icon} disabled={props.disabled} onClick={() => input.current?.click()}>
        {props.label}
      </Button>
    </>
  );
}

function ItemRow({ item, onRemove }: { item: UploadItem; onRemove: () => void }) {
  const percent = item.size ? Math.floor((item.sent / item.size) * 100) : 0;
  return (
    <Flex
      gap={8}
      align="center"
      data-testid="lecture-upload-item"
      style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 6 }}
    >
      {item.file?.thumbUrl ? (
        <img
          src={item.file.thumbUrl}
          alt={item.name}
          width={56}
          height={56}
          style={{ objectFit: 'cover', borderRadius: 4 }}
        />
      ) : (
        <FileOutlined style={{ fontSize: 28, width: 56, textAlign: 'center' }} />
      )}
      <Flex vertical style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text ellipsis>{item.name}</Typography.Text>
        {item.phase === 'uploading' && (
          <Progress percent={percent} size="small" aria-label={`${item.name} 上传进度`} />
        )}
        {item.phase === 'done' && <Typography.Text type="success">已上传</Typography.Text>}
        {item.phase === 'error' && <Typography.Text type="danger">{item.error}</Typography.Text>}
      </Flex>
      <Button type="text" aria-label={`移除 ${item.name}`} icon={<CloseOutlined />} onClick={onRemove} />
    </Flex>
  );
}

/** Photos from the camera or the album, and optionally a short video and the manuscript. */
export function FilePicker({
  items,
  onFiles,
  onRemove,
}: {
  items: UploadItem[];
  onFiles: (kind: LectureFileKind, files: File[]) => void;
  onRemove: (key: string) => void;
}) {
  const count = (kind: LectureFileKind) => items.filter((i) => i.kind === kind && i.phase !== 'error').length;
  const full = (kind: LectureFileKind) => count(kind) >= LECTURE_FILE_LIMITS[kind];
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap="wrap">
        <PickButton
          kind="photo"
          capture
          multiple
          icon={<CameraOutlined />}
          label="拍照"
          testId="lecture-camera"
          disabled={full('photo')}
          onFiles={onFiles}
        />
        <PickButton
          kind="photo"
          multiple
          icon={<PictureOutlined />}
          label="从相册选择"
          testId="lecture-photos"
          disabled={full('photo')}
          onFiles={onFiles}
        />
        <PickButton
          kind="video"
          icon={<VideoCameraOutlined />}
          label="短视频"
          testId="lecture-video"
          disabled={full('video')}
          onFiles={onFiles}
        />
        <PickButton
          kind="manuscript"
          icon={<FileOutlined />}
          label="讲稿"
          testId="lecture-manuscript"
          disabled={full('manuscript')}
          onFiles={onFiles}
        />
      </Flex>
      <Typography.Text type="secondary">
        照片最多 {LECTURE_FILE_LIMITS.photo} 张，每张不超过 {LECTURE_FILE_MAX_MB.photo}{' '}
        MB（上传后自动压缩并去除位置等信息）；视频不超过 {LECTURE_FILE_MAX_MB.video} MB（MP4/MOV）；讲稿为
        Word（DOCX）或 PDF。
      </Typography.Text>
      {items.map((item) => (
        <ItemRow key={item.key} item={item} onRemove={() => onRemove(item.key)} />
      ))}
      {items.some((i) => i.phase === 'error') && (
        <Alert type="warning" showIcon title="未上传成功的文件不会保存，可移除后重新选择" />
      )}
    </Flex>
  );
}
