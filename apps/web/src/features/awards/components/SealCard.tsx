import { useRef } from 'react';
import { App, Button, Card, Flex, Image, Popconfirm, Typography } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { SEAL_MAX_BYTES } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { awardsUrl, useAwardMutations, type AwardList } from '../api.ts';

/** The seal image printed over the issuer's name on every certificate (PNG with a clear background is best). */
export function SealCard({
  roundId,
  list,
  canManage,
}: {
  roundId: string;
  list: AwardList;
  canManage: boolean;
}) {
  const m = useAwardMutations(roundId);
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Card size="small" title="证书印章">
      <Flex gap={16} wrap="wrap" align="center">
        {list.hasSeal ? (
          <Image
            src={`${awardsUrl(roundId, '/seal')}?v=${encodeURIComponent(list.id + (list.publishedAt ?? '') + m.uploadSeal.submittedAt)}`}
            alt="印章"
            width={96}
            height={96}
            style={{ objectFit: 'contain' }}
          />
        ) : (
          <Typography.Text type="secondary">未上传印章，证书上只印颁发单位名称。</Typography.Text>
        )}
        {canManage && (
          <Flex gap={8} wrap="wrap">
            <input
              ref={input}
              type="file"
              accept="image/png,image/jpeg"
              hidden
              aria-label="选择印章图片"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (!file) return;
                if (file.size > SEAL_MAX_BYTES) {
                  void message.error('印章图片不能超过 2 MB，请压缩后重新上传');
                  return;
                }
                m.uploadSeal.mutate(file, {
                  onSuccess: () => void message.success('印章已上传'),
                  onError: (err) => void message.error(errorText(err)),
                });
              }}
            />
            <Button
              icon={<UploadOutlined />}
              loading={m.uploadSeal.isPending}
              onClick={() => input.current?.click()}
            >
              {list.hasSeal ? '更换印章' : '上传印章（PNG/JPG）'}
            </Button>
            {list.hasSeal && (
              <Popconfirm
                title="删除印章图片？"
                okText="删除"
                cancelText="取消"
                onConfirm={() =>
                  m.removeSeal.mutateAsync().then(
                    () => void message.success('已删除'),
                    (err: unknown) => void message.error(errorText(err)),
                  )
                }
              >
                <Button danger icon={<DeleteOutlined />} loading={m.removeSeal.isPending}>
                  删除印章
                </Button>
              </Popconfirm>
            )}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
