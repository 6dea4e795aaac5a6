import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useUnreadCount } from './api.ts';

/** The header's bell: the number of unread notices; opens 通知. */
export function NoticeBell() {
  const navigate = useNavigate();
  const { data } = useUnreadCount();
  const unread = data?.unread ?? 0;
  return (
    <Button
      type="text"
      data-testid="notice-bell"
      aria-label={unread > 0 ? `通知，${unread} 条未读` : '通知'}
      onClick={() => void navigate('/notices')}
      style={{ color: '#fff', paddingInline: 8 }}
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[4, -2]}>
        <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
      </Badge>
    </Button>
  );
}
