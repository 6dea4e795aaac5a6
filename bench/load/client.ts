/** One virtual user's HTTP session against the server: cookie, CSRF token, timed requests. */
import type { Recorder } from './stats.ts';

export class HttpError extends Error {}

export class Session {
  private cookie = '';
  private csrf = '';
  constructor(
    readonly base: string,
    private recorder: Recorder,
    /** Each virtual user comes from its own address (as nginx forwards it), like real users do. */
    private readonly forwardedFor: string,
  ) {}

  /** From now on, this session's requests are timed into `recorder`. */
  recordingTo(recorder: Recorder): this {
    this.recorder = recorder;
    return this;
  }

  /** The session's cookie and address, for requests made outside call(). */
  headers(): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrf, 'x-forwarded-for': this.forwardedFor };
  }

  async login(username: string, password: string) {
    const me = await this.call<{ csrfToken: string }>('login', 'POST', '/api/auth/login', {
      login: username,
      password,
    });
    this.csrf = me.csrfToken;
  }

  /** Times one request, body read included; a non-2xx status counts as an error. */
  async call<T = unknown>(
    op: string,
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const started = performance.now();
    let ok = false;
    try {
      const res = await fetch(this.base + url, {
        method,
        headers: {
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          'x-forwarded-for': this.forwardedFor,
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('jt_session='));
      if (setCookie) this.cookie = setCookie.split(';')[0]!;
      const type = res.headers.get('content-type') ?? '';
      const data = type.includes('json') ? await res.json() : await res.arrayBuffer();
      if (!res.ok) throw new HttpError(`${op}: ${res.status} ${JSON.stringify(data).slice(0, 200)}`);
      ok = true;
      return data as T;
    } catch (e) {
      this.recorder.noteError(op, e instanceof Error ? e.message : String(e));
      throw e;
    } finally {
      this.recorder.record(op, performance.now() - started, ok);
    }
  }
}
