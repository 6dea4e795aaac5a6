import { Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { errorText } from '../../../lib/api.ts';
import { usePublicLecture } from '../api.ts';
import { LecturePlayer } from '../components/LecturePlayer.tsx';

/**
 * The embed (/embed/classroom/<code>, framed by a unit's own website): the player, the title and a link
 * to the full page, nothing else. The only page other sites may frame (lib/http-security.ts).
 */
export default function EmbedLecturePage() {
  const { code = '' } = useParams();
  const { data, error } = usePublicLecture(code);
  if (error) return <Typography.Text type="secondary">{errorText(error)}</Typography.Text>;
  if (!data) return null;
  return (
    <div style={{ padding: 8 }}>
      <LecturePlayer src={data.video.masterUrl} poster={data.video.posterUrl} resumeKey={`public-${code}`} />
      <Typography.Link href={`/p/classroom/${code}`} target="_blank" rel="noopener" strong>
        {data.title}
      </Typography.Link>
      <Typography.Text type="secondary">
        {' '}
        · {data.speakerName}（{data.speakerUnit}）
      </Typography.Text>
    </div>
  );
}
