import { useState } from 'react';
import { Alert, Button, Form, Modal, Select, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { LectureProposeInput } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { formatDuration } from '../../../lib/format.ts';
import { FormModal } from '../../pool/components/FormModal.tsx';
import { useLectureMutations, useProposalDefaults } from '../api.ts';
import { LectureFields } from './LectureFields.tsx';

type Values = Omit<LectureProposeInput, 'entryId'>;

/**
 * 推荐到微课堂 from a contest result or the entry page: the form starts from the entry (title, speaker,
 * unit, category, manuscript, courseware, the video's length) and the organiser chooses the rest.
 */
export function ProposeLectureButton({
  entryId,
  size = 'small',
}: {
  entryId: string;
  size?: 'small' | 'middle';
}) {
  const [open, setOpen] = useState(false);
  const { data, error, isLoading } = useProposalDefaults(entryId, open);
  const m = useLectureMutations();
  const navigate = useNavigate();
  return (
    <>
      <Button size={size} onClick={() => setOpen(true)}>
        推荐到微课堂
      </Button>
      {open && (error || isLoading || !data || data.existing || !data.videoReady) && (
        <Modal
          open
          title="推荐到微课堂"
          onCancel={() => setOpen(false)}
          footer={<Button onClick={() => setOpen(false)}>关闭</Button>}
        >
          {isLoading && <Typography.Text>正在读取作品信息…</Typography.Text>}
          {error && <Alert type="error" showIcon title={errorText(error)} />}
          {data?.existing && (
            <Alert
              type="info"
              showIcon
              title="这个作品已经推荐到微课堂"
              description={<Link to={`/classroom/lectures/${data.existing.id}`}>查看这节微课</Link>}
            />
          )}
          {data && !data.existing && data.videoProblem && (
            <Alert type="warning" showIcon title={data.videoProblem} />
          )}
        </Modal>
      )}
      {open && data && !data.existing && data.videoReady && (
        <FormModal<Values>
          open
          title={`推荐到微课堂：${data.speakerName}`}
          okText="推荐，请宣讲人同意"
          initialValues={{
            title: data.title,
            category: data.category,
            tags: [],
            summary: '',
            visibility: 'internal',
            orgId: data.orgs[0]?.id,
          }}
          onClose={() => setOpen(false)}
          successText={data.hasAccount ? '已推荐，已通知宣讲人确认' : '已推荐，请登记宣讲人的授权意见'}
          onSubmit={async (values) => {
            const l = await m.propose.mutateAsync({ ...values, entryId });
            void navigate(`/classroom/lectures/${l.id}`);
          }}
        >
          <Typography.Paragraph type="secondary">
            宣讲人 {data.speakerName}（{data.speakerUnit}），视频 {formatDuration(data.durationSeconds ?? 0)}
            ；讲稿：
            {data.manuscriptName ?? '无'}；课件：{data.coursewareName ?? '无'}。
            {data.hasAccount
              ? '推荐后，宣讲人会在平台上收到通知，同意后才能发布。'
              : '宣讲人没有平台账号，推荐后请取得其书面同意并代为登记。'}
          </Typography.Paragraph>
          <LectureFields />
          <Form.Item name="orgId" label="发布单位" rules={[{ required: true, message: '请选择发布单位' }]}>
            <Select aria-label="发布单位" options={data.orgs.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
