import type { APIRequestContext, APIResponse } from 'playwright-core';

/**
 * Calls the API as the person signed in to a browser context (its session cookie), the way the web
 * app does: state-changing requests carry the session's CSRF token.
 */
export async function apiAs(request: APIRequestContext) {
  const me = await request.get('/api/auth/me');
  if (!me.ok()) throw new Error(`/api/auth/me 返回 ${me.status()}：${await me.text()}`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  return {
    get: (url: string): Promise<APIResponse> => request.get(url),
    post: (url: string, data: unknown): Promise<APIResponse> =>
      request.post(url, { data, headers: { 'x-csrf-token': csrfToken } }),
    put: (url: string, data: unknown): Promise<APIResponse> =>
      request.put(url, { data, headers: { 'x-csrf-token': csrfToken } }),
  };
}

/** The JSON body of a response that must have succeeded. */
export async function okJson<T>(response: APIResponse): Promise<T> {
  if (!response.ok())
    throw new Error(`${response.url()} 返回 ${response.status()}：${await response.text()}`);
  return (await response.json()) as T;
}
