import type { RoleName } from './roles.ts';

export const PASSWORD_MIN_LENGTH = 8;
/** Administrators hold the keys to everyone's accounts, so their passwords are longer. */
export const ADMIN_PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** Roles whose holders manage other people's accounts. */
export const ADMIN_ROLES: readonly RoleName[] = ['platform_admin', 'unit_admin'];

/**
 * The passwords tried first by every guessing tool that would still pass the length and
 * letter-and-digit rules (leaked-password top lists, Chinese and international). Compared
 * lower-case, so "Password1" is refused with "password1".
 */
const COMMON_PASSWORDS = new Set(
  [
    'password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword1 qwerty123 qwerty1234',
    'qwer1234 qwe123456 qweasd123 q1w2e3r4 q1w2e3r4t5 1q2w3e4r 1q2w3e4r5t 1qaz2wsx 1qaz2wsx3edc',
    'zaq12wsx abc12345 abc123456 abcd1234 abcd12345 abcd123456 a1234567 a12345678 a123456789 aa123456',
    'aa12345678 asd123456 asdf1234 zxc123456 zxcv1234 qq123456 qq5201314 woaini1314 woaini520',
    'iloveyou1 123456abc 123456aa 123456qq 123qwe123 1234qwer 12345qwert admin123 admin1234',
    'admin12345 admin123456 administrator1 root1234 test1234 test123456 welcome1 welcome123 letmein1',
    'monkey123 dragon123 sunshine1 princess1 football1 baseball1 superman1 trustno1 changeme1',
    'jiangtai123 jiangtai2026 dangjian123 dangyuan123 zhongguo123 china1234 china123456',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Password rules, in the words shown beside the field; null when acceptable. The server applies
 * them wherever a person chooses a password; the web form shows the same words before sending.
 */
export function passwordProblem(
  password: string,
  context: { username?: string; admin?: boolean } = {},
): string | null {
  const min = context.admin ? ADMIN_PASSWORD_MIN_LENGTH : PASSWORD_MIN_LENGTH;
  if (password.length < min) return context.admin ? `管理员密码至少 ${min} 位` : `密码至少 ${min} 位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 位`;
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  const username = context.username?.toLowerCase();
  if (username && password.toLowerCase().includes(username)) return '密码不能包含用户名';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return '这个密码太常见，很容易被猜到，请换一个';
  return null;
}
