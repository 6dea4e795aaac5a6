import { lazy, Suspense, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout } from 'antd';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { fetchMe, ME_KEY, type Me } from '../lib/me.ts';
import { PageLoading } from '../components/states.tsx';

const AppLayout = lazy(() => import('./AppLayout.tsx'));

/** The frame of pages for the public (公众): the brand and a way to sign in, no menu. */
function PublicFrame() {
  const location = useLocation();
  const next = encodeURIComponent(`${location.pathname}${location.search}`);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <Link to="/publicity" className="jt-brand">
          讲台 · 公示
        </Link>
        <div style={{ flex: 1 }} />
        <Link to={`/login?next=${next}`}>
          <Button>登录</Button>
        </Link>
      </Layout.Header>
      <Layout.Content>
        <div className="jt-page" style={{ maxWidth: 960, margin: '0 auto' }}>
          <Outlet />
        </div>
      </Layout.Content>
    </Layout>
  );
}

/**
 * Pages anyone may read (公示): inside the usual shell with its menu for a signed-in person, in a
 * plain public frame for everyone else — never a redirect to the login page.
 */
export function PublicOrShell() {
  const qc = useQueryClient();
  const [me, setMe] = useState<Me | null | undefined>(() => qc.getQueryData<Me>(ME_KEY));
  useEffect(() => {
    if (me !== undefined) return;
    let live = true;
    fetchMe()
      .then((found) => {
        qc.setQueryData(ME_KEY, found);
        if (live) setMe(found);
      })
      .catch(() => live && setMe(null));
    return () => {
      live = false;
    };
  }, [me, qc]);
  if (me === undefined) return <PageLoading />;
  if (me && !me.mustChangePassword)
    return (
      <Suspense fallback={<PageLoading />}>
        <AppLayout />
      </Suspense>
    );
  return <PublicFrame />;
}
