import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, temporaryPassword, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const h = await hashPassword('Jiangtai2026');
    expect(h).toMatch(/^scrypt\$/);
    expect(await verifyPassword('Jiangtai2026', h)).toBe(true);
    expect(await verifyPassword('jiangtai2026', h)).toBe(false);
  });
  it('salts each hash', async () => {
    expect(await hashPassword('Abc12345')).not.toBe(await hashPassword('Abc12345'));
  });
  it('enforces the password rules with a Chinese reason', () => {
    expect(passwordProblem('abc123')).toBe('密码至少 8 位');
    expect(passwordProblem('abcdefgh')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem('zhangsan123', 'zhangsan')).toBe('密码不能包含用户名');
    expect(passwordProblem('Dangke2026')).toBeNull();
  });
  it('makes temporary passwords that pass the rules', () => {
    for (let i = 0; i < 20; i++) expect(passwordProblem(temporaryPassword())).toBeNull();
  });
});
