import type { Slip } from './api.ts';
import './slips.css';

/** One cut-out slip: everything a member needs for the first sign-in, nothing more. */
export function SlipCard({ slip, loginUrl }: { slip: Slip; loginUrl: string }) {
  return (
    <div className="account-slip" data-testid="account-slip">
      <div className="account-slip-title">讲台 · 党员账号登录凭条</div>
      <dl>
        <dt>姓名</dt>
        <dd>{slip.name}</dd>
        <dt>所在支部</dt>
        <dd>{slip.orgName}</dd>
        <dt>登录账号（手机号）</dt>
        <dd className="account-slip-mono">{slip.login}</dd>
        <dt>初始密码</dt>
        <dd className="account-slip-mono account-slip-code">{slip.initialPassword}</dd>
        <dt>有效期至</dt>
        <dd>{slip.expiresOn}</dd>
        <dt>登录网址</dt>
        <dd className="account-slip-mono">{loginUrl}</dd>
      </dl>
      <div className="account-slip-note">首次登录须修改密码。初始密码只能使用一次，请勿转交他人。</div>
    </div>
  );
}

export const loginUrl = () => `${window.location.origin}/login`;
