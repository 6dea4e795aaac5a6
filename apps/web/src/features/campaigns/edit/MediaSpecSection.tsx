import { Alert, Form, InputNumber, Select } from 'antd';
import {
  mediaContainerLabels,
  mediaContainers,
  videoCodecLabels,
  videoCodecs,
  type MediaSpec,
} from '@jiangtai/contracts';
import { describeMediaSpec } from '../describe.ts';
import { FieldGrid, Section } from './fields.tsx';
import { SecondsInput } from './inputs.tsx';

const at = (...p: string[]) => ['mediaSpec', ...p];

function complete(m: Partial<MediaSpec> | undefined): m is MediaSpec {
  const d = m?.duration;
  return (
    !!m &&
    !!m.container &&
    !!m.videoCodec &&
    !!m.width &&
    !!m.height &&
    !!m.frameRate &&
    !!m.bitRateMbps &&
    !!d?.targetSeconds &&
    !!d.hardMaxSeconds
  );
}

export function MediaSpecSection() {
  const spec = Form.useWatch<Partial<MediaSpec> | undefined>('mediaSpec');
  return (
    <Section id="mediaSpec" title="视频规格">
      {complete(spec) && (
        <Alert
          type="info"
          showIcon
          title={describeMediaSpec(spec)}
          style={{ marginBottom: 12 }}
          data-testid="media-spec-preview"
        />
      )}
      <FieldGrid min={160}>
        <Form.Item label="封装格式" name={at('container')}>
          <Select options={mediaContainers.map((c) => ({ value: c, label: mediaContainerLabels[c] }))} />
        </Form.Item>
        <Form.Item label="视频编码" name={at('videoCodec')}>
          <Select options={videoCodecs.map((c) => ({ value: c, label: videoCodecLabels[c] }))} />
        </Form.Item>
        <Form.Item label="宽度" name={at('width')}>
          <InputNumber min={160} max={7680} precision={0} suffix="像素" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="高度" name={at('height')}>
          <InputNumber min={120} max={4320} precision={0} suffix="像素" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="帧率" name={at('frameRate')}>
          <InputNumber min={1} max={120} suffix="fps" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="码率" name={at('bitRateMbps')}>
          <InputNumber min={0.1} max={100} step={0.5} suffix="Mbps" style={{ width: '100%' }} />
        </Form.Item>
      </FieldGrid>
      <FieldGrid min={220}>
        <Form.Item label="目标时长" name={at('duration', 'targetSeconds')} extra="如“8分钟左右”填 480 秒">
          <SecondsInput />
        </Form.Item>
        <Form.Item label="时长上限" name={at('duration', 'hardMaxSeconds')} extra="超过此时长的视频不予接收">
          <SecondsInput />
        </Form.Item>
        <Form.Item
          label="建议时长下限"
          name={at('duration', 'softMinSeconds')}
          extra="短于此时长会提示，但仍可报送"
        >
          <SecondsInput />
        </Form.Item>
        <Form.Item
          label="建议时长上限"
          name={at('duration', 'softMaxSeconds')}
          extra="长于此时长会提示，但仍可报送"
        >
          <SecondsInput />
        </Form.Item>
      </FieldGrid>
    </Section>
  );
}
