/**
 * One typed error for everything the client did wrong or may retry.
 * `code` is stable (clients and tests match on it); `message` is the Chinese text shown to users.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'SESSION_EXPIRED'
  | 'BAD_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'CSRF_FAILED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_FILE'
  | 'IMPORT_FAILED'
  | 'INVALID_SETTINGS'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'ENTRY_LATE'
  | 'QUOTA_FULL'
  | 'NOT_ELIGIBLE'
  | 'ENTRY_INCOMPLETE'
  | 'MEDIA_SPEC_REJECTED'
  | 'MEDIA_UNREADABLE'
  | 'FILE_TYPE_MISMATCH'
  | 'UPLOAD_GONE'
  | 'SERVICE_UNAVAILABLE'
  | 'STAGE_PAST';

const statusByCode: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  BAD_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  PASSWORD_CHANGE_REQUIRED: 403,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FILE: 415,
  IMPORT_FAILED: 422,
  INVALID_SETTINGS: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  ENTRY_LATE: 409,
  QUOTA_FULL: 409,
  NOT_ELIGIBLE: 422,
  ENTRY_INCOMPLETE: 422,
  MEDIA_SPEC_REJECTED: 422,
  MEDIA_UNREADABLE: 422,
  FILE_TYPE_MISMATCH: 422,
  UPLOAD_GONE: 410,
  SERVICE_UNAVAILABLE: 503,
  STAGE_PAST: 409,
};

/** A field-level problem, so forms can show the message beside the field. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { issues?: FieldIssue[]; [key: string]: unknown },
  ) {
    super(message);
    this.status = statusByCode[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已被删除`);
/**
 * The answer about a record the caller may not see: the same status and words whether it exists or
 * not, and nothing of the record in it (no name, no org). Otherwise probing ids one by one would tell
 * which exist and, through a name in a refusal, whose they are. Use it for both cases, missing and out
 * of scope; refusals that help someone who may see the record (view but not edit) stay 403 and specific.
 */
export const notVisible = (what: string, scope: '管理' | '查看' = '管理') =>
  new AppError('NOT_FOUND', `${what}不存在或不在您的${scope}范围内`);
export const forbidden = (message = '您没有权限进行此操作') => new AppError('FORBIDDEN', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const invalid = (message: string, issues?: FieldIssue[]) =>
  new AppError('VALIDATION_FAILED', message, issues ? { issues } : undefined);
