/**
 * One HTTP request to a test or bench server, with a file streamed as the body when given: the
 * status, the body as text, how long it took and the session cookie it set.
 */
import { createReadStream } from 'node:fs';
import { request } from 'node:http';

export interface Answer {
  status: number;
  body: string;
  ms: number;
  /** The session cookie the answer set, if any. */
  cookie: string | null;
}

export function send(
  base: string,
  method: string,
  path: string,
  o: { cookie?: string; csrf?: string; json?: unknown; file?: string } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (o.cookie) headers.cookie = o.cookie;
    if (o.csrf) headers['x-csrf-token'] = o.csrf;
    if (o.json !== undefined) headers['content-type'] = 'application/json';
    if (o.file) headers['content-type'] = 'application/octet-stream';
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
          cookie: res.headers['set-cookie']?.find((c) => c.startsWith('djb_session='))?.split(';')[0] ?? null,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (o.file) createReadStream(o.file).pipe(req);
    else req.end(o.json === undefined ? undefined : JSON.stringify(o.json));
  });
}
