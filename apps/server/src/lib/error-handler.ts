import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from './errors.ts';
import { isDatabaseUnavailable } from '../db/connection-errors.ts';

/**
 * PostgreSQL refuses text it cannot store (NUL, a bad \u escape in JSON): the client sent it, so
 * it is a 400, whichever field the request schemas did not catch.
 */
function isEncodingError(error: { code?: unknown; message?: unknown }) {
  if (error.code === '22021' || error.code === '22P05') return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return /invalid byte sequence for encoding|unsupported Unicode escape sequence/i.test(message);
}

/**
 * Every error leaves as application/problem+json: { type, title, status, code, detail, issues? }.
 * `detail` is Chinese and safe to show; stack traces stay in the log.
 */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const issues: FieldIssue[] = error.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? '格式不正确',
      }));
      const where =
        error.validationContext === 'querystring'
          ? '查询参数'
          : error.validationContext === 'params'
            ? '地址参数'
            : '提交的内容';
      const first = issues[0];
      appError = new AppError(
        'VALIDATION_FAILED',
        `${where}有误：${first ? `${first.path ? `${first.path}：` : ''}${first.message}` : '格式不正确'}`,
        {
          issues,
        },
      );
    } else if (
      error.statusCode === 413 ||
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
      error.code === 'FST_REQ_FILE_TOO_LARGE'
    ) {
      appError = new AppError('PAYLOAD_TOO_LARGE', '上传的内容太大，请压缩或拆分后再试');
    } else if (error.statusCode === 429) {
      appError = new AppError('RATE_LIMITED', '操作太频繁，请稍后再试');
    } else if (
      error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (error.statusCode === 400 && error.code?.startsWith('FST_'))
    ) {
      appError = new AppError('BAD_REQUEST', '请求格式不正确');
    } else if (error.statusCode === 415) {
      appError = new AppError('UNSUPPORTED_FILE', '不支持的内容类型');
    } else if (isDatabaseUnavailable(error)) {
      // The pool replaces the connection; the next request normally succeeds.
      req.log.error({ err: error }, 'database connection lost during the request');
      appError = new AppError('SERVICE_UNAVAILABLE', '数据库连接刚刚中断，本次操作未完成，请稍后重试');
    } else if (isEncodingError(error)) {
      appError = new AppError('BAD_REQUEST', '提交的内容含有无法保存的字符（如空字符），请删除后重试');
    } else {
      req.log.error({ err: error }, 'unhandled error');
      appError = new AppError('INTERNAL', '服务器内部错误，请稍后重试；如果一直出现，请联系系统管理员');
    }
    if (appError.status >= 500 && error instanceof AppError) req.log.error({ err: error }, 'server error');
    reply
      .code(appError.status)
      .type('application/problem+json; charset=utf-8')
      .send({
        type: `about:blank#${appError.code}`,
        title: appError.code,
        status: appError.status,
        code: appError.code,
        detail: appError.message,
        ...(appError.details ?? {}),
      });
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .type('application/problem+json; charset=utf-8')
      .send({
        type: 'about:blank#NOT_FOUND',
        title: 'NOT_FOUND',
        status: 404,
        code: 'NOT_FOUND',
        detail: `接口不存在：${req.method} ${req.url.split('?')[0]}`,
      });
  });
}
