import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { ShiftYearsInput } from './ShiftYearsInput.tsx';
import { CopyOutlined, EditOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { beijingDate, type CampaignDetail } from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { ACCESS, hasRole, useCurrentMe } from '../../../lib/me.ts';
import { useCampaignMutations } from '../api.ts';
import { ShiftDatesAction } from './ShiftDatesAction.tsx';

/** The first step opened a second question instead of finishing: no success message yet. */
const ASKED = Symbol('asked');

export function CampaignActions({ campaign }: { campaign: CampaignDetail }) {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { publish, close, copy } = useCampaignMutations();
  const [copying, setCopying] = useState(false);
  const [copyTitle, setCopyTitle] = useState('');
  const [shiftYears, setShiftYears] = useState(0);

  const confirmRun = (opts: {
    title: string;
    content: string;
    okText: string;
    danger?: boolean;
    run: () => Promise<unknown>;
    done: string;
  }) =>
    modal.confirm({
      title: opts.title,
      content: opts.content,
      okText: opts.okText,
      cancelText: '取消',
      okButtonProps: { danger: opts.danger },
      onOk: async () => {
        try {
          if ((await opts.run()) !== ASKED) message.success(opts.done);
        } catch (err) {
          message.error(errorText(err));
          throw err;
        }
      },
    });

  const doCopy = async () => {
    try {
      const created = await copy.mutateAsync({
        id: campaign.id,
        title: copyTitle.trim() || undefined,
        shiftYears: shiftYears || undefined,
      });
      setCopying(false);
      message.success('已复制为新的草稿活动');
      void navigate(`/campaigns/${created.id}`);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <>
      {campaign.canEdit && campaign.status !== 'closed' && (
        <Button icon={<EditOutlined />} onClick={() => void navigate(`/campaigns/${campaign.id}/edit`)}>
          编辑
        </Button>
      )}
      <ShiftDatesAction campaign={campaign} />
      {campaign.canEdit && campaign.status === 'draft' && (
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={() =>
            confirmRun({
              title: '发布活动？',
              content: '发布后，参与范围内的单位管理员、评委和党员都能看到此活动。发布后仍可修改设置。',
              okText: '发布',
              run: async () => {
                try {
                  return await publish.mutateAsync({ id: campaign.id });
                } catch (err) {
                  // A contest stage is already over: ask again, naming it, instead of failing.
                  if (!(err instanceof ApiError) || err.code !== 'STAGE_PAST') throw err;
                  const names = ((err.body.stages ?? []) as { name: string }[])
                    .map((st) => `「${st.name}」`)
                    .join('');
                  confirmRun({
                    title: `${names}阶段已结束，仍要发布吗？`,
                    content: err.detail,
                    okText: '仍要发布',
                    danger: true,
                    run: () => publish.mutateAsync({ id: campaign.id, confirmPastStages: true }),
                    done: '活动已发布',
                  });
                  return ASKED;
                }
              },
              done: '活动已发布',
            })
          }
        >
          发布
        </Button>
      )}
      {campaign.canEdit && campaign.status === 'published' && (
        <Button
          danger
          icon={<StopOutlined />}
          onClick={() =>
            confirmRun({
              title: '结束活动？',
              content: '结束后活动不能再修改，也不再接收报送；所有记录保留，可随时查看。',
              okText: '结束活动',
              danger: true,
              run: () => close.mutateAsync(campaign.id),
              done: '活动已结束',
            })
          }
        >
          结束
        </Button>
      )}
      {hasRole(me, ACCESS.campaignCreate) && (
        <Button
          icon={<CopyOutlined />}
          onClick={() => {
            setCopyTitle('');
            setShiftYears(
              Math.max(
                0,
                Number(beijingDate(new Date()).slice(0, 4)) - Number(campaign.settings.startsOn.slice(0, 4)),
              ),
            );
            setCopying(true);
          }}
        >
          复制
        </Button>
      )}
      <Modal
        open={copying}
        title="复制活动"
        okText="复制"
        cancelText="取消"
        confirmLoading={copy.isPending}
        onOk={() => void doCopy()}
        onCancel={() => setCopying(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label="新活动名称" extra="复制全部设置，生成一个新的草稿活动。">
            <Input
              value={copyTitle}
              onChange={(e) => setCopyTitle(e.target.value)}
              maxLength={100}
              placeholder={`留空则命名为「${campaign.title}（副本）」`}
            />
          </Form.Item>
          <Form.Item
            label="日期平移"
            extra="所有日期整体推后几年（如用去年的活动办今年的活动）；0 表示日期不变。"
          >
            <ShiftYearsInput value={shiftYears} onChange={setShiftYears} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
