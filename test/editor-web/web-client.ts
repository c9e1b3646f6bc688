/**
 * A browser-like client over `app.request()`: keeps cookies, reads the CSRF token from the
 * last page, and posts forms with the same Origin — so each test can break exactly one of those.
 */
import type { EditorApp } from '../../src/editor/index.js';
import type { Store } from '../../src/store/index.js';
import { ORIGIN } from './web-fixtures.js';

export interface Sent {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

export class WebClient {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly app: EditorApp, readonly headers: Record<string, string> = {}) {}

  private cookieHeader(): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return cookie ? { cookie } : {};
  }

  /** An empty header value means "leave this header out". */
  private async send(path: string, init: RequestInit & { headers: Record<string, string> }): Promise<Sent> {
    const headers = Object.fromEntries(Object.entries(init.headers).filter(([, value]) => value !== ''));
    const response = await this.app.request(path, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const body = await response.text();
    const token = /name="_csrf" value="([^"]*)"/.exec(body)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, location: response.headers.get('location'), body, headers: response.headers };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Sent> {
    return this.send(path, { headers: { ...this.headers, ...this.cookieHeader(), ...headers } });
  }

  /** A form POST as the page sends it: the session cookie, `_csrf` and a same-origin Origin. */
  post(path: string, fields: Record<string, string> = {}, options: { csrf?: string | null; headers?: Record<string, string> } = {}): Promise<Sent> {
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    const body = new URLSearchParams({ ...(token == null ? {} : { _csrf: token }), ...fields });
    return this.send(path, {
      method: 'POST',
      body,
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...this.headers, ...this.cookieHeader(), ...options.headers },
    });
  }
}

/** Everything the desk can change, as one comparable value: statuses, panels, revisions, audit. */
export function dbSnapshot(store: Store): string {
  const reviews = (['draft', 'approved', 'rejected', 'superseded'] as const).flatMap((status) => store.listReviews({ status }));
  return JSON.stringify(
    reviews
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((summary) => ({
        state: store.reviewState(summary.id),
        review: store.getReview(summary.id),
        revisions: store.revisions(summary.id),
        audit: store.audit(summary.id),
      })),
  );
}
