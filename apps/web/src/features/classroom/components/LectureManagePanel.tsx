import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { classroomVisibilityLabels, type LectureDetail, type LectureEditInput } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { FormModal } from '../../pool/components/FormModal.tsx';
import { useLectureMutations } from '../api.ts';
import { LectureFields } from './LectureFields.tsx';

const STATE_COLORS: Record<string, string> = {
  awaiting_consent: 'orange',
  consent_declined: 'default',
  consented: 'blue',
  published: 'green',
  unpublished: 'default',
};

export const LectureStateTag = ({ state, label }: { state: string; label: string }) => (
  <Tag color={STATE_COLORS[state]}>{label}</Tag>
);

/** Copies a text and says so; the field stays selectable where the clipboard is refused (http, WeChat). */
function CopyField({ label, value, multiline }: { label: string; value: string; multiline?: boolean }) {
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      void message.success(`已复制${label}`);
    } catch {
      void message.info('浏览器不允许自动复制，请长按或选中后手动复制');
    }
  };
  return (
    <Flex vertical gap={4}>
      <Typography.Text strong>{label}</Typography.Text>
      {multiline ? (
        <Input.TextArea readOnly value={value} aria-label={label} autoSize={{ minRows: 2, maxRows: 4 }} />
      ) : (
        <Input readOnly value={value} aria-label={label} />
      )}
      <div>
        <Button size="small" onClick={() => void copy()}>
          复制{label}
        </Button>
      </div>
    </Flex>
  );
}

/** The organisers' part of a lecture page: the next step, share link and embed code, history. */
export function LectureManagePanel({ lecture: l }: { lecture: LectureDetail }) {
  const m = useLectureMutations(l.id);
  const { message } = App.useApp();
  const [modal, setModal] = useState<'edit' | 'unpublish' | 'consent' | null>(null);
  const act = async (p: Promise<unknown>, done: string) => {
    try {
      await p;
      void message.success(done);
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const origin = window.location.origin;
  return (
    <Card title="微课堂管理" size="small" data-testid="lecture-manage">
      <Flex vertical gap={12}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="状态">
            <LectureStateTag state={l.state} label={l.stateLabel} />
            {l.nextAction && <Typography.Text type="secondary">下一步：{l.nextAction}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="发布单位">{l.orgName}</Descriptions.Item>
          <Descriptions.Item label="发布范围">{classroomVisibilityLabels[l.visibility]}</Descriptions.Item>
          {l.consent && (
            <Descriptions.Item label="授权">
              {formatDateTime(l.consent.at)}{' '}
              {l.consent.onBehalf ? `由 ${l.consent.byName ?? ''} 代为登记` : '本人在平台上答复'}
              {l.consent.note ? `：${l.consent.note}` : ''}
            </Descriptions.Item>
          )}
          {l.unpublishReason && <Descriptions.Item label="下架原因">{l.unpublishReason}</Descriptions.Item>}
        </Descriptions>
        <Space wrap>
          {l.mayRecordConsent && <Button onClick={() => setModal('consent')}>登记授权意见</Button>}
          {l.state === 'consented' && (
            <Popconfirm
              title={`发布后，${l.visibility === 'public' ? '所有人无需登录即可观看' : '发布单位及下级单位的党员可以观看'}`}
              okText="发布"
              cancelText="取消"
              onConfirm={() => act(m.publish.mutateAsync({}), '已发布')}
            >
              <Button type="primary" loading={m.publish.isPending}>
                发布
              </Button>
            </Popconfirm>
          )}
          {l.state === 'unpublished' && (
            <Button
              loading={m.republish.isPending}
              onClick={() => void act(m.republish.mutateAsync({}), '已重新发布')}
            >
              重新发布
            </Button>
          )}
          {l.state === 'published' && (
            <Button danger onClick={() => setModal('unpublish')}>
              下架
            </Button>
          )}
          {l.state !== 'consent_declined' && <Button onClick={() => setModal('edit')}>修改信息</Button>}
        </Space>
        {l.sharePath && l.embedPath && (
          <Flex vertical gap={12} data-testid="lecture-share">
            <CopyField label="分享链接" value={`${origin}${l.sharePath}`} />
            <CopyField
              label="嵌入代码"
              multiline
              value={`<iframe src="${origin}${l.embedPath}" width="640" height="400" style="border:0;max-width:100%" allowfullscreen title="${l.title.replace(/"/g, '&quot;')}"></iframe>`}
            />
          </Flex>
        )}
        <div>
          <Typography.Text strong>经过</Typography.Text>
          <Timeline
            style={{ marginTop: 12 }}
            items={l.events.map((e) => ({
              key: e.id,
              children: (
                <>
                  {formatDateTime(e.at)} {e.actorName ?? ''} {e.actionLabel}
                  {e.reason ? `：${e.reason}` : ''}
                </>
              ),
            }))}
          />
        </div>
      </Flex>
      {modal === 'edit' && (
        <FormModal<LectureEditInput>
          open
          title="修改微课信息"
          okText="保存"
          successText="已保存"
          initialValues={{
            title: l.title,
            category: l.category,
            tags: l.tags,
            summary: l.summary,
            visibility: l.visibility,
          }}
          onClose={() => setModal(null)}
          onSubmit={(v) => m.edit.mutateAsync(v)}
        >
          <LectureFields visibilityLocked={l.state !== 'awaiting_consent' && l.visibility === 'internal'} />
        </FormModal>
      )}
      {modal === 'unpublish' && (
        <FormModal<{ reason: string }>
          open
          title="下架微课"
          okText="下架"
          successText="已下架，已通知宣讲人"
          onClose={() => setModal(null)}
          onSubmit={(v) => m.unpublish.mutateAsync(v)}
        >
          <Form.Item name="reason" label="下架原因" rules={[{ required: true, message: '请填写下架原因' }]}>
            <Input.TextArea rows={3} maxLength={300} />
          </Form.Item>
        </FormModal>
      )}
      {modal === 'consent' && (
        <FormModal<{ agree: boolean; note: string }>
          open
          title={`代 ${l.speakerName} 登记授权意见`}
          okText="登记"
          successText="已登记"
          initialValues={{ agree: true }}
          onClose={() => setModal(null)}
          onSubmit={(v) => m.onBehalf.mutateAsync(v)}
        >
          <Typography.Paragraph type="secondary">
            宣讲人没有平台账号。请先取得本人的书面意见，再在此登记，并写明依据。
          </Typography.Paragraph>
          <Form.Item name="agree" label="宣讲人意见">
            <Radio.Group
              options={[
                { value: true, label: '同意发布' },
                { value: false, label: '不同意发布' },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label="说明" rules={[{ required: true, message: '请填写说明' }]}>
            <Input.TextArea rows={2} maxLength={300} placeholder="如：书面授权书已存档" />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
