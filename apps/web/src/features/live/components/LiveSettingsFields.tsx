import { Flex, Form, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import {
  announceModeLabels,
  announceModes,
  judgeDisplayModeLabels,
  judgeDisplayModes,
  penaltyUnitLabels,
  penaltyUnits,
  type LiveSettings,
} from '@jiangtai/contracts';

/** The form's shape of the live settings: the penalty as an on/off switch and its parts. */
export interface LiveFormValues {
  liveEnabled?: boolean;
  live?: Omit<LiveSettings, 'timePenalty'> & {
    penaltyOn: boolean;
    penalty: Omit<NonNullable<LiveSettings['timePenalty']>, 'limitSeconds'>;
  };
}

const defaultPenalty = { graceSeconds: 0, per: 'half_minute' as const, points: 0.5, maxPoints: 5 };

export function liveToForm(live: LiveSettings | null | undefined, enabled: boolean): LiveFormValues {
  if (!live) return { liveEnabled: false };
  const { timePenalty, ...rest } = live;
  const { limitSeconds: _limit, ...penalty } = timePenalty ?? { ...defaultPenalty, limitSeconds: 0 };
  void _limit;
  return { liveEnabled: enabled, live: { ...rest, penaltyOn: !!timePenalty, penalty } };
}

/** Back to the contract: the penalty's limit is the speaking limit (one limit on the evening). */
export function liveFromForm(v: LiveFormValues): LiveSettings | null {
  if (!v.liveEnabled || !v.live) return null;
  const { penaltyOn, penalty, ...rest } = v.live;
  return { ...rest, timePenalty: penaltyOn ? { ...penalty, limitSeconds: rest.speakingSeconds } : null };
}

const seconds = (name: (string | number)[], label: string, min: number, max: number, extra?: string) => (
  <Form.Item
    name={name}
    label={label}
    extra={extra}
    rules={[{ required: true, message: `请填写${label}` }]}
    style={{ minWidth: 160, flex: 1 }}
  >
    <InputNumber min={min} max={max} precision={0} suffix="秒" style={{ width: '100%' }} />
  </Form.Item>
);

/**
 * 现场决赛 settings on the round setup form of a 决赛: the speaking limit and its warning, an optional
 * time penalty (from the campaign's rules, editable), how judges appear on the big screen and when a
 * result is announced. A live final is open review (not blind) and every judge scores every speaker.
 */
export function LiveSettingsFields({ locked }: { locked: boolean }) {
  const form = Form.useFormInstance();
  const enabled = Form.useWatch('liveEnabled', form) as boolean | undefined;
  const penaltyOn = Form.useWatch(['live', 'penaltyOn'], form) as boolean | undefined;
  return (
    <>
      <Form.Item
        name="liveEnabled"
        label="现场决赛"
        valuePropName="checked"
        extra={
          locked
            ? '已有评委打分，不能再切换'
            : '现场比赛：主持人控制台计时、评委手机当场打分、大屏公布成绩、监督员逐一确认。公开评审，每位评委为每位选手打分。'
        }
      >
        <Switch
          disabled={locked}
          checkedChildren="现场决赛"
          unCheckedChildren="普通评审"
          onChange={(on) => {
            if (on) form.setFieldValue('blind', false);
          }}
        />
      </Form.Item>
      {enabled ? (
        <div style={{ paddingInlineStart: 12, borderInlineStart: '3px solid #e6f4ff', marginBottom: 16 }}>
          <Flex gap={12} wrap>
            {seconds(['live', 'speakingSeconds'], '宣讲限时', 30, 7200, '例如 8 分钟填 480')}
            {seconds(['live', 'warnSeconds'], '提前提醒', 0, 600, '例如剩 1 分钟提醒填 60')}
          </Flex>
          <Form.Item name={['live', 'penaltyOn']} label="超时扣分" valuePropName="checked">
            <Switch checkedChildren="扣分" unCheckedChildren="不扣分" />
          </Form.Item>
          {penaltyOn ? (
            <Flex gap={12} wrap>
              {seconds(['live', 'penalty', 'graceSeconds'], '宽限时间', 0, 600)}
              <Form.Item
                name={['live', 'penalty', 'per']}
                label="计时单位"
                rules={[{ required: true, message: '请选择计时单位' }]}
                style={{ minWidth: 240, flex: 2 }}
              >
                <Select options={penaltyUnits.map((u) => ({ value: u, label: penaltyUnitLabels[u] }))} />
              </Form.Item>
              <Form.Item
                name={['live', 'penalty', 'points']}
                label="每次扣分"
                rules={[{ required: true, message: '请填写每次扣分' }]}
                style={{ minWidth: 120, flex: 1 }}
              >
                <InputNumber min={0.01} max={100} step={0.5} precision={2} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name={['live', 'penalty', 'maxPoints']}
                label="最多扣分"
                rules={[{ required: true, message: '请填写最多扣分' }]}
                style={{ minWidth: 120, flex: 1 }}
              >
                <InputNumber min={0.01} max={1000} step={0.5} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            </Flex>
          ) : null}
          <Form.Item name={['live', 'judgeDisplay']} label="大屏显示评委分数" rules={[{ required: true }]}>
            <Radio.Group
              options={judgeDisplayModes.map((m) => ({ value: m, label: judgeDisplayModeLabels[m] }))}
            />
          </Form.Item>
          <Form.Item name={['live', 'announce']} label="成绩公布" rules={[{ required: true }]}>
            <Radio.Group options={announceModes.map((m) => ({ value: m, label: announceModeLabels[m] }))} />
          </Form.Item>
          <Typography.Text type="secondary">
            开始比赛时，评委组的每位评委都会为每位选手评分（「每件作品评委人数」按评委组人数计）。
          </Typography.Text>
        </div>
      ) : null}
    </>
  );
}
