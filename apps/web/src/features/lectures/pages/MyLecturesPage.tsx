import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { useMyLectures } from '../api.ts';
import { LectureList } from '../components/LectureList.tsx';

/** 我的宣讲: the lectures the member gave (as the speaker), in every campaign. */
export default function MyLecturesPage() {
  const { data, error, isPending, refetch } = useMyLectures();
  return (
    <>
      <PageHeader title="我的宣讲" sub="您作为宣讲人的宣讲记录，由支部登记" />
      {isPending ? (
        <BlockLoading />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <EmptyState text="还没有您的宣讲记录" />
      ) : (
        <LectureList items={data.items} showBranch />
      )}
    </>
  );
}
