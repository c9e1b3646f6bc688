/** The page frame every editor page shares: head, top bar (who is editing), flash, footer script. */
import { html } from 'hono/html';
import type { Flash } from '../security.js';
import { CSRF_FIELD } from '../security.js';
import type { Html } from './format.js';

/** What the frame needs from the request: who is editing, the CSRF token for its forms, the nonce. */
export interface Chrome {
  nonce: string | undefined;
  csrf: string | null;
  editor: string | null;
  /** `EDITOR_TOKEN` is set: signing in needs it, and signing out is offered. */
  tokenMode: boolean;
  flash: Flash | null;
}

/** The hidden CSRF field every POST form carries. */
export function csrfField(chrome: Pick<Chrome, 'csrf'>): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${chrome.csrf ?? ''}">`;
}

/** The review revision the page shows: an action from a page that is out of date is refused (409). */
export function revisionField(revision: number): Html {
  return html`<input type="hidden" name="revision" value="${revision}">`;
}

function who(chrome: Chrome): Html {
  if (chrome.editor == null) return html`<a class="who who-missing" href="/login">Set your name</a>`;
  const signOut = chrome.tokenMode
    ? html`<form method="post" action="/logout" class="inline">${csrfField(chrome)}<button class="link" type="submit">Sign out</button></form>`
    : html`<a href="/login">change</a>`;
  return html`<span class="who">Editing as <strong>${chrome.editor}</strong> · ${signOut}</span>`;
}

export function flashBanner(flash: Flash | null): Html {
  if (flash == null) return html``;
  const link = flash.link ? html` <a href="${flash.link.href}">${flash.link.text}</a>` : '';
  return html`<div class="flash flash-${flash.kind}" role="${flash.kind === 'error' ? 'alert' : 'status'}">${flash.message}${link}</div>`;
}

export function page(title: string, chrome: Chrome, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} — Ship or Skip desk</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/editor.css">
</head>
<body>
<header class="topbar">
  <div class="topbar-inner">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">S</span><span>Ship or Skip <span class="brand-sub">Editor's desk</span></span></a>
    <nav class="topnav" aria-label="Desk"><a href="/">Drafts</a><a href="/calibration">Calibration</a></nav>
    ${who(chrome)}
  </div>
</header>
<main class="wrap">
${flashBanner(chrome.flash)}
${body}
</main>
<script src="/assets/editor.js" nonce="${chrome.nonce ?? ''}" defer></script>
</body>
</html>`;
}

/** An error page: the one-line message and a way back. */
export function errorPage(status: number, message: string, back: { href: string; text: string }, chrome: Chrome): Html {
  const heading = status === 401 ? 'Sign in needed' : status === 403 ? 'Request refused' : status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'That did not work';
  return page(
    heading,
    chrome,
    html`<section class="card error-card">
  <p class="eyebrow">Error ${status}</p>
  <h1>${heading}</h1>
  <p class="error-message" role="alert">${message}</p>
  <p><a class="button" href="${back.href}">${back.text}</a></p>
</section>`,
  );
}
