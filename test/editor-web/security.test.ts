/** The security helpers on their own: redirects, links, sessions. */
import { describe, expect, it } from 'vitest';
import { safeHref, safeNext } from '../../src/editor/security.js';
import { createSessionStore } from '../../src/editor/session-store-memory.js';

describe('safeNext (where sign-in sends the browser)', () => {
  it('keeps local paths and turns everything else into /', () => {
    expect(safeNext('/reviews/00000001?x=1#persona-skeptic')).toBe('/reviews/00000001?x=1#persona-skeptic');
    expect(safeNext('/?status=approved&flagged=1')).toBe('/?status=approved&flagged=1');
    for (const next of [undefined, '', 'reviews/1', 'https://evil.example/', '//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/a\\b', '/ x', 'javascript:alert(1)']) {
      expect(safeNext(next), JSON.stringify(next)).toBe('/');
    }
  });
});

describe('safeHref (which URLs become links)', () => {
  it('only http and https', () => {
    expect(safeHref('https://aider.chat/')).toBe('https://aider.chat/');
    expect(safeHref('http://example.com/a b')).toBe('http://example.com/a%20b');
    for (const url of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'file:///etc/passwd', 'not a url', '', null, undefined]) {
      expect(safeHref(url), String(url)).toBeNull();
    }
  });
});

describe('sessions', () => {
  it('expire after 12 idle hours', () => {
    let now = Date.UTC(2026, 2, 2, 9);
    const sessions = createSessionStore(() => new Date(now));
    const session = sessions.create({ editor: 'Ann', signedIn: true });
    expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrf).not.toBe(session.id);
    now += 11 * 60 * 60 * 1000;
    expect(sessions.get(session.id)?.editor).toBe('Ann');
    now += 12 * 60 * 60 * 1000 + 1;
    expect(sessions.get(session.id)).toBeNull();
    expect(sessions.get(undefined)).toBeNull();
    expect(sessions.get('made-up')).toBeNull();
  });

  it('past 1,000, anonymous sessions are dropped before signed-in ones', () => {
    let now = 0;
    const sessions = createSessionStore(() => new Date(now));
    const editor = sessions.create({ editor: 'Ann', signedIn: true });
    const first = sessions.create();
    for (let i = 0; i < 1500; i++) {
      now += 1;
      sessions.create();
    }
    expect(sessions.get(editor.id)?.editor).toBe('Ann');
    expect(sessions.get(first.id)).toBeNull();
  });
});
