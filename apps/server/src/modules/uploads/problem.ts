import { AppError } from '../../lib/errors.ts';

export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/** The same problem+json body the app's error handler sends (lib/error-handler.ts). */
export function problemBody(error: AppError, status = error.status): string {
  return JSON.stringify({
    type: `about:blank#${error.code}`,
    title: error.code,
    status,
    code: error.code,
    detail: error.message,
    ...(error.details ?? {}),
  });
}

/** tus's own refusals (plain English text) in Chinese, by status. */
export function tusProblem(status: number): AppError {
  switch (status) {
    case 400:
      return new AppError('BAD_REQUEST', '上传请求格式不正确，请刷新页面后重新上传');
    case 403:
      return new AppError('FORBIDDEN', '不允许此上传操作');
    case 404:
      return new AppError('NOT_FOUND', '上传不存在或已过期，请重新上传');
    case 409:
      return new AppError('CONFLICT', '上传进度与服务器记录不一致，请重试（会从服务器已收到的位置继续）');
    case 410:
      return new AppError('UPLOAD_GONE', '上传已过期，请重新上传');
    case 413:
      return new AppError('PAYLOAD_TOO_LARGE', '文件超过大小上限，请压缩后再上传');
    default:
      return status >= 500
        ? new AppError('INTERNAL', '上传写入失败，请稍后重试；如果一直出现，请联系系统管理员')
        : new AppError('BAD_REQUEST', '上传被中断，请重试');
  }
}

/** 「1.5 GB」 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}
