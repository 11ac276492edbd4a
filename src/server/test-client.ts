/** Test helpers over `app.inject`: a signed-in caller with its cookie and CSRF token. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Caller {
  cookie: string;
  csrf: string;
}

export interface CallOptions {
  as?: Caller | null;
  body?: unknown;
  /** Raw bytes sent as application/octet-stream (imports). */
  file?: Buffer;
  /** Leave the CSRF header out, as a forged cross-site request would. */
  noCsrf?: boolean;
  /** Sent as Accept-Language, as the web sends its interface language. */
  lang?: string;
}

export function call(app: FastifyInstance, method: string, url: string, o: CallOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (o.as) {
    headers.cookie = o.as.cookie;
    if (!o.noCsrf) headers['x-csrf-token'] = o.as.csrf;
  }
  if (o.file) headers['content-type'] = 'application/octet-stream';
  if (o.lang) headers['accept-language'] = o.lang;
  return app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(o.file ? { payload: o.file } : o.body !== undefined ? { payload: o.body as object } : {}),
  });
}

export function callerFrom(response: LightMyRequestResponse): Caller {
  const cookie = response.cookies.find((c) => c.name === 'djb_session');
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  return { cookie: `djb_session=${cookie.value}`, csrf: (response.json() as { csrfToken: string }).csrfToken };
}
