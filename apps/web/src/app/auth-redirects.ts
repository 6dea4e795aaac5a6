import type { QueryClient } from '@tanstack/react-query';
import { setAuthHandlers } from '../lib/api.ts';
import { ME_KEY } from '../lib/me.ts';
import type { router as Router } from './router.tsx';

/** 401 → the login page (remembering where the person was going); 403 PASSWORD_CHANGE_REQUIRED → change it first. */
export function installAuthRedirects(router: typeof Router, queryClient: QueryClient) {
  const here = () => `${window.location.pathname}${window.location.search}`;
  setAuthHandlers({
    unauthenticated: () => {
      if (window.location.pathname === '/login') return;
      queryClient.removeQueries({ queryKey: ME_KEY });
      void router.navigate(`/login?next=${encodeURIComponent(here())}`, { replace: true });
    },
    passwordChange: () => {
      if (window.location.pathname === '/change-password') return;
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      void router.navigate('/change-password', { replace: true });
    },
  });
}
