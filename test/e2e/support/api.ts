import type { Page } from 'playwright-core';

/** A state-changing call as the page would make it (session cookie and CSRF token): to set up data or check the API's refusals. */
export async function apiFromPage(p: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return p.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const r = await fetch(path, {
        method,
        headers: { 'x-csrf-token': me.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, json: (text === '' ? null : JSON.parse(text)) as unknown };
    },
    { method, path, body },
  );
}
