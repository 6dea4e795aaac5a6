import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Rate, Timeline, Typography } from 'antd';
import { PhotoGallery } from '../../../components/uploads/PhotoGallery.tsx';
import { useParams } from 'react-router-dom';
import { audienceTypeLabels, orderActionLabels, type OrderDetail } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { ReasonModal } from '../../lectures/components/ReasonModal.tsx';
import { useOrder, useOrderStep } from '../api.ts';
import { DeliverModal, RateModal } from '../components/DeliverRateModals.tsx';
import { DispatchModal } from '../components/DispatchModal.tsx';
import { OrderStateTag } from '../components/OrderStateTag.tsx';

type Dialog = 'dispatch' | 'decline' | 'declineOnBehalf' | 'deliver' | 'rate' | 'cancel' | null;

function Events({ o }: { o: OrderDetail }) {
  return (
    <Timeline
      items={o.events.map((e) => ({
        children: (
          <Flex vertical gap={0}>
            <span>
              {orderActionLabels[e.action]}
              {e.speakerName && e.action === 'dispatch' && `：${e.speakerName}`}
              {e.onBehalf && '（管理员代为登记）'}
            </span>
            {e.reason && <Typography.Text type="secondary">原因：{e.reason}</Typography.Text>}
            <Typography.Text type="secondary">
              {e.actorName ?? '系统'} · {formatDateTime(e.at)}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}

/** One order: its details, its history and the step the viewer may take now. */
export default function OrderPage() {
  const { id = '' } = useParams();
  const order = useOrder(id);
  const step = useOrderStep(id);
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  if (order.isPending) return <BlockLoading />;
  if (order.error) return <ErrorState error={order.error} onRetry={() => void order.refetch()} />;
  const o = order.data;
  const accept = () =>
    step.mutate(
      { action: 'answer', body: { accept: true } },
      { onSuccess: () => void message.success('已接单'), onError: (e) => void message.error(errorText(e)) },
    );
  const close = () => setDialog(null);
  return (
    <>
      <PageHeader title={o.topic} sub={<OrderStateTag state={o.state} overdue={o.overdue} />} />
      <Flex vertical gap={12}>
        <Flex gap={8} wrap>
          {o.may.dispatch && (
            <Button type="primary" onClick={() => setDialog('dispatch')}>
              {o.speakerId ? '改派' : '派单'}
            </Button>
          )}
          {(o.may.answer || o.may.answerOnBehalf) && (
            <>
              <Button type="primary" loading={step.isPending} onClick={accept}>
                {o.may.answer ? '接单' : '代为登记接单'}
              </Button>
              <Button danger onClick={() => setDialog(o.may.answer ? 'decline' : 'declineOnBehalf')}>
                {o.may.answer ? '谢绝' : '代为登记谢绝'}
              </Button>
            </>
          )}
          {o.may.deliver && (
            <Button type="primary" onClick={() => setDialog('deliver')}>
              登记宣讲情况
            </Button>
          )}
          {o.may.rate && (
            <Button type="primary" onClick={() => setDialog('rate')}>
              评价
            </Button>
          )}
          {o.may.cancel && (
            <Button danger onClick={() => setDialog('cancel')}>
              取消点单
            </Button>
          )}
        </Flex>
        <Card size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label="点单支部">{o.orgName}</Descriptions.Item>
            <Descriptions.Item label="师资库">{o.poolName}</Descriptions.Item>
            <Descriptions.Item label="听众">
              {audienceTypeLabels[o.audience]}，约 {o.audienceSize} 人
            </Descriptions.Item>
            <Descriptions.Item label="希望日期">
              {o.preferredDates.map(formatDate).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label="地点">{o.place}</Descriptions.Item>
            <Descriptions.Item label="联系人">
              {o.contactName}&nbsp;<a href={`tel:${o.contactPhone}`}>{o.contactPhone}</a>
            </Descriptions.Item>
            {o.note && <Descriptions.Item label="备注">{o.note}</Descriptions.Item>}
            <Descriptions.Item label="宣讲人">{o.speakerName ?? '待派单'}</Descriptions.Item>
            {o.replyDueAt && o.state === 'dispatched' && (
              <Descriptions.Item label="答复期限">{formatDateTime(o.replyDueAt)}</Descriptions.Item>
            )}
            {o.deliveredOn && (
              <Descriptions.Item label="宣讲情况">
                {formatDate(o.deliveredOn)}，{o.attendance} 人参加
                {o.deliverySummary ? `。${o.deliverySummary}` : ''}
              </Descriptions.Item>
            )}
            {o.photos.length > 0 && (
              <Descriptions.Item label="现场照片">
                <PhotoGallery
                  photos={o.photos.map((p, i) => ({ ...p, name: `现场照片 ${i + 1}` }))}
                  testId="order-photos"
                />
              </Descriptions.Item>
            )}
            {o.rating && (
              <Descriptions.Item label="评价">
                <Flex vertical>
                  <span>
                    内容 <Rate disabled value={o.rating.content} /> 讲授{' '}
                    <Rate disabled value={o.rating.delivery} />
                  </span>
                  {o.rating.comment && <span>{o.rating.comment}</span>}
                </Flex>
              </Descriptions.Item>
            )}
            {o.cancelReason && <Descriptions.Item label="取消原因">{o.cancelReason}</Descriptions.Item>}
          </Descriptions>
        </Card>
        <Card size="small" title="经过">
          <Events o={o} />
        </Card>
      </Flex>
      {dialog === 'dispatch' && (
        <DispatchModal orderId={id} currentSpeakerId={o.speakerId} open onClose={close} />
      )}
      {dialog === 'deliver' && <DeliverModal orderId={id} open onClose={close} />}
      {dialog === 'rate' && <RateModal orderId={id} open onClose={close} />}
      <ReasonModal
        title={dialog === 'cancel' ? '取消点单' : '谢绝这次宣讲'}
        okText={dialog === 'cancel' ? '取消点单' : '谢绝'}
        label={dialog === 'cancel' ? '取消原因' : '谢绝原因'}
        required
        open={dialog === 'cancel' || dialog === 'decline' || dialog === 'declineOnBehalf'}
        loading={step.isPending}
        onClose={close}
        onOk={(reason) =>
          step.mutateAsync(
            dialog === 'cancel'
              ? { action: 'cancel', body: { reason } }
              : { action: 'answer', body: { accept: false, reason } },
          )
        }
      />
    </>
  );
}
