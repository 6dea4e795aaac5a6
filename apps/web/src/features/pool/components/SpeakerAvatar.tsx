import { Avatar } from 'antd';
import { UserOutlined } from '@ant-design/icons';

/** A speaker's photo thumbnail as an avatar (the first character of the name without one). */
export function SpeakerAvatar({
  name,
  thumbUrl,
  size = 32,
}: {
  name: string;
  thumbUrl: string | null | undefined;
  size?: number;
}) {
  return thumbUrl ? (
    <Avatar size={size} src={thumbUrl} alt={`${name}的照片`} data-testid="speaker-avatar" />
  ) : (
    <Avatar size={size} icon={name ? undefined : <UserOutlined />} aria-hidden>
      {name.slice(0, 1)}
    </Avatar>
  );
}
