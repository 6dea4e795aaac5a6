import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

/** The centred card used by the sign-in pages (fits a 375px phone). */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        // Top-aligned so the white title always sits on the red band, whatever the screen height.
        alignItems: 'flex-start',
        justifyContent: 'center',
        padding: '48px 16px 16px',
        background: 'linear-gradient(180deg, #c8102e 0, #c8102e 220px, #f5f5f5 220px)',
      }}
    >
      <main style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={2} style={{ color: '#fff', textAlign: 'center', marginBottom: 4 }}>
          讲台
        </Typography.Title>
        <Typography.Paragraph style={{ color: '#ffe7ba', textAlign: 'center' }}>
          微宣讲 · 微型党课活动平台
        </Typography.Paragraph>
        <Card title={title}>{children}</Card>
      </main>
    </div>
  );
}
