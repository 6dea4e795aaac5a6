import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Button, Result } from 'antd';
import type { RoleName } from '@jiangtai/contracts';
import { ApiError, errorText } from '../lib/api.ts';
import { hasRole, useMe } from '../lib/me.ts';
import { PageLoading } from '../components/states.tsx';

/** Signed-in only; a first-login account is held on the change-password page. */
export function RequireAuth({ allowPasswordChange = false }: { allowPasswordChange?: boolean }) {
  const { data: me, error, isPending, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <PageLoading />;
  if (error) {
    if (error instanceof ApiError && error.status === 401) {
      const next = `${location.pathname}${location.search}`;
      return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <Result
        status="warning"
        title="暂时无法连接服务器"
        subTitle={errorText(error)}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (me.mustChangePassword && !allowPasswordChange) return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

export function RequireRole({ roles, children }: { roles: readonly RoleName[]; children: ReactNode }) {
  const { data: me } = useMe();
  if (!hasRole(me, roles)) {
    return (
      <Result status="403" title="没有权限" subTitle="您的角色不能访问此页面；如需开通，请联系上级管理员。" />
    );
  }
  return <>{children}</>;
}

/** Only same-site paths are followed after login. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}
