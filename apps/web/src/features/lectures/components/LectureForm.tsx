import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Radio, Segmented, Select, Switch, Typography } from 'antd';
import {
  lectureOccasionLabels,
  lectureOccasions,
  type LectureFileView,
  type LectureFormOptions,
  type LectureOccasion,
  type LectureRecordFields,
} from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useDraft } from '../useDraft.ts';
import { useLectureUploads } from '../useLectureUploads.ts';
import { FilePicker } from './FilePicker.tsx';

export interface LectureFormValues {
  campaignId: string;
  heldOn: string;
  occasion: LectureOccasion;
  topic: string;
  categoryKey: string;
  speakerKind: 'member' | 'guest';
  speakerMemberId?: string;
  guestName?: string;
  attendance: number;
  attendeeMemberIds: string[];
  summary: string;
  planLineId?: string | null;
  reason?: string;
}

const FIELDS = [
  'campaignId',
  'heldOn',
  'occasion',
  'topic',
  'categoryKey',
  'attendance',
  'attendeeMemberIds',
  'summary',
  'planLineId',
  'reason',
];

export function toFields(v: LectureFormValues, files: LectureFileView[]): LectureRecordFields {
  return {
    heldOn: v.heldOn,
    occasion: v.occasion,
    topic: v.topic,
    categoryKey: v.categoryKey,
    speaker:
      v.speakerKind === 'guest'
        ? { kind: 'guest', name: v.guestName ?? '' }
        : { kind: 'member', memberId: v.speakerMemberId ?? '' },
    attendance: v.attendance,
    attendeeMemberIds: v.attendeeMemberIds ?? [],
    summary: v.summary ?? '',
    fileIds: files.map((f) => f.id),
    planLineId: v.planLineId ?? null,
  };
}

/**
 * The 记录宣讲 form, phone first: defaults (today, the only campaign, the secretary as speaker) leave
 * the topic, the number present and the photos to fill. Every change is kept in this browser
 * (`draftKey`), so a dropped connection or a reload loses nothing; the page says so.
 */
export function LectureForm(props: {
  options: LectureFormOptions;
  mode: 'create' | 'edit' | 'correct';
  draftKey: string;
  initial?: Partial<LectureFormValues>;
  initialFiles?: LectureFileView[];
  submitText: string;
  onSubmit: (values: LectureFormValues, files: LectureFileView[], clientKey: string) => Promise<unknown>;
  clientKey: string;
}) {
  const { options } = props;
  const [form] = Form.useForm<LectureFormValues>();
  const draft = useDraft<LectureFormValues>(props.draftKey);
  const clientKey = draft.initial?.clientKey ?? props.clientKey;
  const uploads = useLectureUploads(options.branch.id, draft.initial?.files ?? props.initialFiles ?? []);
  const [problem, setProblem] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [namedAttendees, setNamedAttendees] = useState(
    (draft.initial?.values.attendeeMemberIds ?? props.initial?.attendeeMemberIds ?? []).length > 0,
  );

  const defaults = useMemo((): Partial<LectureFormValues> => {
    const only = options.campaigns.length === 1 ? options.campaigns[0] : undefined;
    return {
      campaignId: only?.id,
      heldOn: options.today,
      occasion: 'theme_day',
      categoryKey: only?.categories.length === 1 ? only.categories[0]!.key : undefined,
      speakerKind: 'member',
      speakerMemberId: options.selfMemberId ?? undefined,
      attendeeMemberIds: [],
      summary: '',
    };
  }, [options]);
  const startValues = { ...defaults, ...props.initial, ...draft.initial?.values };

  const campaignId = Form.useWatch('campaignId', form) ?? startValues.campaignId;
  const speakerKind = Form.useWatch('speakerKind', form) ?? startValues.speakerKind;
  const campaign = options.campaigns.find((c) => c.id === campaignId);

  const keep = () => draft.save({ values: form.getFieldsValue(true), files: uploads.saved, clientKey });
  // Files done uploading are part of the draft too.
  useEffect(keep, [uploads.saved.length]); // eslint-disable-line react-hooks/exhaustive-deps

  async function finish(values: LectureFormValues) {
    setProblem(null);
    setOffline(false);
    setSubmitting(true);
    keep();
    try {
      await props.onSubmit({ ...startValues, ...values }, uploads.saved, clientKey);
      draft.clear();
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) setOffline(true);
      else {
        // Field problems go beside their fields; the summary repeats the first for the phone's eye.
        applyIssues(form, e, FIELDS);
        setProblem(errorText(e));
      }
    } finally {
      setSubmitting(false);
    }
  }

  const currentLine = startValues.planLineId ?? null;
  const planLineChoices = [
    ...(campaign?.planLines ?? []).map((l) => ({ value: l.id, label: l.label })),
    ...(currentLine && !campaign?.planLines.some((l) => l.id === currentLine)
      ? [{ value: currentLine, label: '原对应的计划条目（已从计划中删除）' }]
      : []),
  ];
  function fillFromPlanLine(id?: string) {
    const line = campaign?.planLines.find((l) => l.id === id);
    if (!line) return;
    const speakerInBranch =
      line.speakerMemberId && options.members.some((m) => m.id === line.speakerMemberId);
    form.setFieldsValue({
      topic: line.topic,
      occasion: line.occasion,
      categoryKey: line.categoryKey,
      ...(speakerInBranch
        ? { speakerKind: 'member', speakerMemberId: line.speakerMemberId! }
        : line.speakerMemberId
          ? {}
          : { speakerKind: 'guest', guestName: line.speakerName }),
    });
    keep();
  }

  const members = options.members.map((m) => ({
    value: m.id,
    label:
      m.positions.length && m.positions[0] !== '党员' ? `${m.name}（${m.positions.join('、')}）` : m.name,
  }));
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={startValues}
      onValuesChange={keep}
      onFinish={(v) => void finish(v)}
      requiredMark="optional"
    >
      {draft.initial && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已恢复上次未提交的内容（${formatDate(draft.initial.savedAt)}保存在本机）`}
        />
      )}
      {props.mode === 'create' ? (
        <Form.Item name="campaignId" label="活动" rules={[{ required: true, message: '请选择活动' }]}>
          <Select
            placeholder="请选择活动"
            options={options.campaigns.map((c) => ({ value: c.id, label: c.title }))}
          />
        </Form.Item>
      ) : (
        <Form.Item label="活动">{campaign?.title ?? '—'}</Form.Item>
      )}
      {planLineChoices.length > 0 && (
        <Form.Item
          name="planLineId"
          label="对应计划条目"
          extra="选择后自动填入计划中的主题、场合、类别和宣讲人，可再修改"
        >
          <Select
            allowClear
            placeholder="可选：这次宣讲完成的是计划中的哪一项"
            options={planLineChoices}
            onChange={(id?: string) => fillFromPlanLine(id)}
          />
        </Form.Item>
      )}
      <Form.Item
        name="heldOn"
        label="宣讲日期"
        rules={[{ required: true, message: '请选择宣讲日期' }]}
        extra={
          campaign ? `活动时间：${formatDate(campaign.startsOn)}至${formatDate(campaign.endsOn)}` : undefined
        }
      >
        <Input
          type="date"
          min={campaign?.startsOn}
          max={campaign && campaign.endsOn < options.today ? campaign.endsOn : options.today}
        />
      </Form.Item>
      <Form.Item name="occasion" label="宣讲场合" rules={[{ required: true, message: '请选择宣讲场合' }]}>
        <Radio.Group
          optionType="button"
          options={lectureOccasions.map((o) => ({ value: o, label: lectureOccasionLabels[o] }))}
        />
      </Form.Item>
      <Form.Item
        name="topic"
        label="宣讲主题"
        rules={[
          { required: true, whitespace: true, message: '请填写宣讲主题' },
          { max: 100, message: '宣讲主题最多 100 个字' },
        ]}
      >
        <Input placeholder="例如：学习党的二十届四中全会精神" maxLength={100} />
      </Form.Item>
      <Form.Item name="categoryKey" label="宣讲类别" rules={[{ required: true, message: '请选择宣讲类别' }]}>
        <Radio.Group
          optionType="button"
          options={(campaign?.categories ?? []).map((c) => ({ value: c.key, label: c.name }))}
        />
      </Form.Item>
      <Form.Item name="speakerKind" label="宣讲人" rules={[{ required: true, message: '请选择宣讲人' }]}>
        <Segmented
          options={[
            { value: 'member', label: '本支部党员' },
            { value: 'guest', label: '特邀宣讲人' },
          ]}
        />
      </Form.Item>
      {speakerKind === 'guest' ? (
        <Form.Item
          name="guestName"
          label="特邀宣讲人姓名"
          rules={[{ required: true, whitespace: true, message: '请填写特邀宣讲人姓名' }]}
          extra="特邀宣讲人不是本支部党员，不计入「人人上讲台」"
        >
          <Input placeholder="例如：市委党校 张老师" maxLength={30} />
        </Form.Item>
      ) : (
        <Form.Item
          name="speakerMemberId"
          label="宣讲党员"
          rules={[{ required: true, message: '请选择宣讲人' }]}
        >
          <Select showSearch optionFilterProp="label" placeholder="选择本支部党员" options={members} />
        </Form.Item>
      )}
      <Form.Item
        name="attendance"
        label="参加人数"
        rules={[{ required: true, message: '请填写参加人数' }]}
        extra={`本支部在册党员 ${options.activeMemberCount} 人`}
      >
        <InputNumber
          min={1}
          max={options.activeMemberCount}
          precision={0}
          inputMode="numeric"
          style={{ width: 160 }}
          addonAfter="人"
        />
      </Form.Item>
      <Form.Item label="填写参加人员">
        <Switch checked={namedAttendees} onChange={setNamedAttendees} aria-label="填写参加人员" />
      </Form.Item>
      {namedAttendees && (
        <Form.Item name="attendeeMemberIds" label="参加人员">
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            placeholder="选择参加的党员"
            options={members}
          />
        </Form.Item>
      )}
      <Form.Item name="summary" label="内容摘要">
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="简要记录宣讲内容和反响（可选）" />
      </Form.Item>
      <Form.Item label="照片、视频和讲稿">
        <FilePicker items={uploads.items} onFiles={uploads.add} onRemove={uploads.remove} />
      </Form.Item>
      {props.mode === 'correct' && (
        <Form.Item
          name="reason"
          label="更正原因"
          rules={[{ required: true, whitespace: true, message: '请填写更正原因' }]}
        >
          <Input.TextArea rows={2} maxLength={300} showCount />
        </Form.Item>
      )}
      {offline && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="网络中断，未能确认提交结果"
          description="填写的内容和已上传的照片已保存在本机。网络恢复后再点一次提交即可，不会重复登记。"
        />
      )}
      {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} />}
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={submitting}
        disabled={uploads.busy}
      >
        {uploads.busy ? '文件上传中，请稍候…' : props.submitText}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        填写内容会自动保存在本机，网络中断或关闭页面也不会丢失。
      </Typography.Paragraph>
    </Form>
  );
}
