/**
 * The sign-in form. With `EDITOR_TOKEN` it asks for the token and the editor's name (the name
 * every decision is then recorded under); without one, only the name.
 */
import { html } from 'hono/html';
import type { Html } from './format.js';
import { csrfField, page, type Chrome } from './layout.js';

export interface LoginView {
  next: string;
  /** Prefill: the session's name, else EDITOR_NAME. Never the token. */
  name: string;
  error: string | null;
}

export function loginPage(view: LoginView, chrome: Chrome): Html {
  const intro = chrome.tokenMode
    ? 'This desk is protected. Enter the editor token and your name; every decision you make is recorded under that name.'
    : 'Your name is recorded with every edit, approval and rejection you make. It is remembered in this browser.';
  return page(
    chrome.tokenMode ? 'Sign in' : 'Your name',
    chrome,
    html`<section class="card login-card">
  <h1>${chrome.tokenMode ? 'Sign in' : 'Who is editing?'}</h1>
  <p class="muted">${intro}</p>
  ${view.error ? html`<p class="flash flash-error" role="alert">${view.error}</p>` : ''}
  <form method="post" action="/login" class="login-form">
    ${csrfField(chrome)}
    <input type="hidden" name="next" value="${view.next}">
    ${chrome.tokenMode ? html`<label class="field">Editor token <input type="password" name="token" autocomplete="current-password" required></label>` : ''}
    <label class="field">Your name <input type="text" name="name" value="${view.name}" maxlength="80" autocomplete="name" required></label>
    <div class="form-actions"><button type="submit" class="button primary">${chrome.tokenMode ? 'Sign in' : 'Save name'}</button></div>
  </form>
</section>`,
  );
}
