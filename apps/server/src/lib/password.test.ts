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
  it('refuses the most common passwords, whatever their case', () => {
    for (const weak of ['password1', 'Passw0rd', 'Admin123', 'qwerty123', '1qaz2wsx', 'woaini1314'])
      expect(passwordProblem(weak)).toBe('这个密码太常见，很容易被猜到，请换一个');
  });
  it('asks administrators for at least 10 characters', () => {
    expect(passwordProblem('Dangke2026', undefined, true)).toBeNull();
    expect(passwordProblem('Dangke026', undefined, true)).toBe('管理员密码至少 10 位');
    expect(passwordProblem('Dangke026')).toBeNull();
  });
  it('makes temporary passwords that pass the rules, administrators included', () => {
    for (let i = 0; i < 20; i++) expect(passwordProblem(temporaryPassword(), undefined, true)).toBeNull();
  });
});
