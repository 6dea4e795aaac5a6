import { Alert } from 'antd';
import { useParams } from 'react-router-dom';
import { PageLoading } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { usePublicLecture } from '../api.ts';
import { LectureView } from '../components/LectureView.tsx';

/** A public lecture's page (/p/classroom/<code>): plays without signing in. */
export default function PublicLecturePage() {
  const { code = '' } = useParams();
  const { data, error } = usePublicLecture(code);
  if (error) return <Alert type="warning" showIcon title="无法观看这节微课" description={errorText(error)} />;
  if (!data) return <PageLoading />;
  return <LectureView lecture={data} resumeKey={`public-${code}`} />;
}
