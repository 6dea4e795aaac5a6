import { App } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import type { LectureRecordDetail } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { useLecture, useLectureForm, useLectureMutations } from '../api.ts';
import { LectureForm, toFields, type LectureFormValues } from '../components/LectureForm.tsx';

const valuesOf = (r: LectureRecordDetail): Partial<LectureFormValues> => ({
  campaignId: r.campaignId,
  heldOn: r.heldOn,
  occasion: r.occasion,
  topic: r.topic,
  categoryKey: r.categoryKey,
  speakerKind: r.isGuest ? 'guest' : 'member',
  speakerMemberId: r.speakerMemberId ?? undefined,
  guestName: r.guestSpeakerName ?? undefined,
  attendance: r.attendance,
  attendeeMemberIds: r.attendees.map((a) => a.id),
  summary: r.summary,
  planLineId: r.planLineId,
});

/** The branch edits (or resubmits) a record; with `correct`, an admin corrects a confirmed one. */
export default function EditLecturePage({ correct = false }: { correct?: boolean }) {
  const { id = '' } = useParams();
  const record = useLecture(id);
  const options = useLectureForm(record.data?.orgId ?? null);
  const m = useLectureMutations();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (record.isPending || (record.data && options.isPending)) return <BlockLoading rows={8} />;
  if (record.error) return <ErrorState error={record.error} />;
  if (options.error) return <ErrorState error={options.error} />;
  const r = record.data;
  const allowed = correct ? r.can.correct : r.can.edit;
  if (!allowed || !options.data)
    return <EmptyState text={correct ? '这条记录现在不需要更正' : '这条记录现在不能修改'} />;
  // A closed campaign is not offered for new records, but its confirmed records can be corrected.
  const opts = options.data.campaigns.some((c) => c.id === r.campaignId)
    ? options.data
    : {
        ...options.data,
        campaigns: [
          {
            id: r.campaignId,
            title: r.campaignTitle,
            startsOn: r.heldOn,
            endsOn: options.data.today,
            categories: [{ key: r.categoryKey, name: r.categoryName }],
            planLines: [],
          },
        ],
      };
  return (
    <>
      <PageHeader title={correct ? '更正宣讲记录' : '修改宣讲记录'} sub={r.orgName} />
      <div style={{ maxWidth: 640 }}>
        <LectureForm
          options={opts}
          mode={correct ? 'correct' : 'edit'}
          draftKey={`jt-lecture-${correct ? 'correct' : 'edit'}-${id}`}
          clientKey={id}
          initial={valuesOf(r)}
          initialFiles={r.files}
          submitText={correct ? '保存更正' : r.status === 'returned' ? '重新提交' : '保存修改'}
          onSubmit={async (v, files) => {
            const fields = toFields(v, files);
            if (correct) await m.correct.mutateAsync({ id, fields: { ...fields, reason: v.reason ?? '' } });
            else await m.update.mutateAsync({ id, fields });
            void message.success(correct ? '已更正，更正记录显示在记录页' : '已保存');
            void navigate(`/lectures/${id}`, { replace: true });
          }}
        />
      </div>
    </>
  );
}
