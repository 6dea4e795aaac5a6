/**
 * The one way the web app talks to the server: same-origin fetch with the session cookie, JSON in and
 * out, the CSRF token on state-changing requests, and application/problem+json errors turned into
 * ApiError (whose `detail` is Chinese and safe to show).
 */

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly issues: FieldIssue[];
  /** The whole problem document, for endpoints that send more (e.g. import `errors`). */
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    const detail = typeof body.detail === 'string' && body.detail ? body.detail : fallbackDetail(status);
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : `HTTP_${status}`;
    this.detail = detail;
    this.issues = Array.isArray(body.issues) ? (body.issues as FieldIssue[]) : [];
    this.body = body;
  }
}

function fallbackDetail(status: number): string {
  if (status === 0) return '无法连接服务器，请检查网络后重试';
  if (status === 404) return '请求的内容不存在';
  if (status === 413) return '上传的内容太大';
  if (status >= 500) return '服务器暂时无法处理，请稍后重试';
  return `请求失败（${status}）`;
}

/** Set from the Me object after login and every /api/auth/me. */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type AuthHandler = (error: ApiError) => void;
const handlers: { unauthenticated: AuthHandler | null; passwordChange: AuthHandler | null } = {
  unauthenticated: null,
  passwordChange: null,
};
/** The app shell registers where to go on 401 (login) and 403 PASSWORD_CHANGE_REQUIRED. */
export function setAuthHandlers(h: { unauthenticated: AuthHandler; passwordChange: AuthHandler }) {
  handlers.unauthenticated = h.unauthenticated;
  handlers.passwordChange = h.passwordChange;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds "?a=1&b=x", leaving out empty values. */
export function qs(params: Record<string, QueryValue>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Do not jump to the login page on 401 (the login page and the session probe handle it themselves). */
  noAuthRedirect?: boolean;
  /** Let the request finish after the page is closed (a learning report sent on pagehide). */
  keepalive?: boolean;
}

function headersFor(method: string, hasJsonBody: boolean): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (hasJsonBody) h['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) h['x-csrf-token'] = csrfToken;
  return h;
}

async function readProblem(res: Response): Promise<Record<string, unknown>> {
  try {
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function routeError(error: ApiError, opts: { noAuthRedirect?: boolean }) {
  if (error.status === 401 && !opts.noAuthRedirect) handlers.unauthenticated?.(error);
  if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') handlers.passwordChange?.(error);
}

async function send(
  path: string,
  opts: RequestOptions,
  body: BodyInit | undefined,
  json: boolean,
): Promise<Response> {
  const method = opts.method ?? 'GET';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, json),
      body,
      signal: opts.signal,
      keepalive: opts.keepalive,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, {});
  }
  if (!res.ok) {
    const error = new ApiError(res.status, await readProblem(res));
    routeError(error, opts);
    throw error;
  }
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const hasBody = opts.body !== undefined;
  const res = await send(path, opts, hasBody ? JSON.stringify(opts.body) : undefined, hasBody);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const apiGet = <T>(path: string, signal?: AbortSignal) => api<T>(path, { signal });
export const apiPost = <T>(path: string, body?: unknown) =>
  api<T>(path, { method: 'POST', body: body ?? {} });
export const apiPut = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body });
export const apiPatch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });
export const apiDelete = <T>(path: string) => api<T>(path, { method: 'DELETE' });

/** Downloads a file (template, export) through fetch so errors show as messages, not JSON pages. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const res = await send(path, {}, undefined, false);
  const blob = await res.blob();
  const name = fileNameFrom(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

/** Multipart upload with progress (fetch cannot report upload progress). */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, {}));
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error = new ApiError(xhr.status, body);
      routeError(error, {});
      reject(error);
    };
    xhr.send(form);
  });
}

/** The Chinese sentence to show for any thrown value. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.detail;
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后重试';
}
