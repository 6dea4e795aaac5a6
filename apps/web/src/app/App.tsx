import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { ApiError } from '../lib/api.ts';
import { router } from './router.tsx';
import { installAuthRedirects } from './auth-redirects.ts';

dayjs.locale('zh-cn');

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      // Client errors (4xx) will not go away by retrying.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

installAuthRedirects(router, queryClient);

export const PARTY_RED = '#c8102e';

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        // Secondary, placeholder and description text dark enough for WCAG 2.1 AA (4.5:1) on white
        // and on the grey page background; antd's defaults (45 % black) are below it.
        token: {
          colorPrimary: PARTY_RED,
          colorLink: PARTY_RED,
          borderRadius: 6,
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
          // Danger buttons, error, success and warning text: antd's defaults are 1.8–3.3:1 on white.
          colorError: '#cf1322',
          colorSuccess: '#237804',
          colorWarning: '#ad4e00',
          // The pale backgrounds as antd's defaults have them (darker seeds would darken them too).
          colorSuccessBg: '#f6ffed',
          colorSuccessBorder: '#b7eb8f',
          colorWarningBg: '#fffbe6',
          colorWarningBorder: '#ffe58f',
          colorErrorBg: '#fff2f0',
          colorErrorBorder: '#ffccc7',
        },
        components: {
          Layout: { headerBg: PARTY_RED, headerPadding: '0 16px' },
          // An empty table's placeholder text is drawn in the disabled colour (1.8:1).
          Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
          // A switch that is off shows its white text (不盲评, 不扣分) on this grey: antd's 25 % black is 1.8:1.
          Switch: { colorTextQuaternary: 'rgba(0, 0, 0, 0.55)', colorTextTertiary: 'rgba(0, 0, 0, 0.65)' },
          // Tag text on its pale background: the darker shade of each palette where the default fails AA.
          Tag: {
            gold7: '#874d00',
            orange7: '#ad4e00',
            green7: '#237804',
            cyan7: '#006d75',
            lime7: '#3f6600',
            volcano7: '#ad2102',
            colorSuccess: '#237804',
            colorWarning: '#873800',
            colorError: '#a8071a',
            colorInfo: '#0958d9',
          },
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
