import { useRef } from 'react';
import { Button, Flex, Progress, Typography } from 'antd';
import { CloseOutlined, FileOutlined } from '@ant-design/icons';
import type { UploadItem } from './useTusUploads.ts';

/** A hidden file input behind a button (the camera, the album, a document). */
export function PickButton(props: {
  accept: string;
  capture?: boolean;
  multiple?: boolean;
  icon: React.ReactNode;
  label: string;
  testId: string;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        accept={props.accept}
        multiple={props.multiple}
        data-testid={props.testId}
        {...(props.capture ? { capture: 'environment' } : {})}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) props.onFiles(files);
        }}
      />
      <Button icon={props.icon} disabled={props.disabled} onClick={() => input.current?.click()}>
        {props.label}
      </Button>
    </>
  );
}

/** One chosen file: its thumbnail once on the server, progress while sending, or why it was refused. */
export function UploadItemRow<T>({
  item,
  thumbUrl,
  onRemove,
  testId,
}: {
  item: UploadItem<T>;
  thumbUrl: string | null;
  onRemove: () => void;
  testId: string;
}) {
  const percent = item.size ? Math.floor((item.sent / item.size) * 100) : 0;
  return (
    <Flex
      gap={8}
      align="center"
      data-testid={testId}
      style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 6 }}
    >
      {thumbUrl ? (
        <img
          src={thumbUrl}
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
