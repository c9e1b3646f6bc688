import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/intake/html.js';
import { intake } from '../../src/intake/index.js';

const deps = { config: { fetch: { timeoutMs: 5000, maxBytes: 1_000_000, maxRedirects: 5 }, allowPrivateUrls: false, github: { apiUrl: 'https://api.github.com', token: undefined } } };

describe('crafted page: JSON-LD, cookie banner, chrome', () => {
  it('reads JSON-LD into known fields and drops banners, navigation and hidden text', async () => {
    const source = await intake('fixtures/pages/crafted-jsonld/page.html', deps);
    expect(source).toMatchObject({
      kind: 'html',
      title: 'Widgetly', // og:title wins over <title>
      description: 'Widgetly turns a sentence into a working UI widget.', // meta description wins over og:
      known: { name: 'Widgetly', pricing: { entry: 'Free', detail: 'Free' }, vendor: 'Widget Works Inc.' },
      facts: { 'page.siteName': 'Widgetly' },
      links: { github: 'https://github.com/widgetworks/widgetly' },
    });
    expect(source.text).toBe(
      [
        '# Widgets from a sentence',
        '',
        'Widgetly turns a plain sentence into a working, accessible UI widget that you can paste into any React or Vue app.',
        '',
        '## How it works',
        '',
        '- Describe the widget in one sentence.',
        '- Widgetly generates typed component code and tests.',
        '',
        '```',
        '# install',
        'npm install widgetly',
        '```',
        '',
        'Every widget ships with keyboard support and ARIA labels, so accessibility is not an afterthought.',
      ].join('\n'),
    );
  });

  it('resolves canonical, docs and pricing links against the page URL', () => {
    const html = `<html><head><link rel="canonical" href="/"></head><body>
      <nav><a href="/docs/">Docs</a> <a href="/pricing">Pricing</a></nav><main><p>${'Body text. '.repeat(30)}</p></main></body></html>`;
    const extracted = extractHtml(html, new URL('https://widgetly.example/landing?ref=x'));
    expect(extracted.canonical).toBe('https://widgetly.example/');
    expect(extracted.links).toEqual({
      homepage: 'https://widgetly.example/',
      docs: 'https://widgetly.example/docs/',
      pricing: 'https://widgetly.example/pricing',
    });
    expect(extracted.facts).toEqual({ 'page.canonical': 'https://widgetly.example/' });
  });
});

describe('readable text', () => {
  const extract = (body: string) => extractHtml(`<html><head><title>T</title></head><body>${body}</body></html>`, null).text;
  const long = 'This sentence is part of the substantial article body. '.repeat(8);

  it('prefers <main> when it holds most of the page', () => {
    expect(extract(`<div>Sidebar promo text</div><main><p>${long}</p></main>`)).toBe(long.trim());
  });

  it('falls back to the body when <main> is tiny', () => {
    const text = extract(`<main><p>Short.</p></main><div><p>${long}</p></div>`);
    expect(text).toContain('Short.');
    expect(text).toContain('substantial article body');
  });

  it('takes the largest <article>', () => {
    const text = extract(`<article><p>Teaser.</p></article><article><h1>Post</h1><p>${long}</p></article>`);
    expect(text).toBe(`# Post\n\n${long.trim()}`);
  });

  it('keeps a header inside <main> (a hero) but drops the site header', () => {
    const text = extract(`<header>Site menu</header><main><header><h1>Hero title</h1></header><p>${long}</p></main>`);
    expect(text).toMatch(/^# Hero title\n\n/);
    expect(text).not.toContain('Site menu');
  });

  it('never drops <body> or <main> for a consent-looking class', () => {
    const html = `<html><body class="cookie-consent-given"><main class="consent-aware"><p>${long}</p></main></body></html>`;
    expect(extractHtml(html, null).text).toBe(long.trim());
  });

  it('keeps a long section whose class merely mentions cookies (the docs of a cookie library)', () => {
    const section = `<p>${long}</p>`.repeat(4);
    const text = extract(`<section class="cookie-parser-usage">${section}</section><div class="cookie-bar">Accept?</div>`);
    expect(text).toBe(Array.from({ length: 4 }, () => long.trim()).join('\n\n'));
  });

  it.each([
    ['<div role="banner">Banner</div><p>Kept</p>', 'Kept'],
    ['<div role="contentinfo">Footer info</div><p>Kept</p>', 'Kept'],
    ['<p style="visibility: hidden">Invisible</p><p>Kept</p>', 'Kept'],
    ['<div id="onetrust-consent-sdk">Consent</div><p>Kept</p>', 'Kept'],
    ['<template><p>Template</p></template><noscript>Enable JS</noscript><p>Kept</p>', 'Kept'],
    ['<iframe src="x"></iframe><svg><text>Logo</text></svg><p>Kept</p>', 'Kept'],
    ['<p>One<br>Two</p>', 'One\nTwo'],
    ['<p>A   lot\n\n of   space</p>', 'A lot of space'],
    ['<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>$10</td></tr></table>', 'Plan Price\nPro $10'],
    ['<p>Code: <code>{{ kept }}</code></p>', 'Code: {{ kept }}'],
  ])('%s → %j', (body, text) => {
    expect(extract(body)).toBe(text);
  });

  it('resolves relative links against <base href> and ignores an inline <svg> title', () => {
    const extracted = extractHtml(
      '<html><head><base href="https://cdn.example/site/"></head><body><svg><title>Icon</title></svg><a href="docs/">Docs</a><p>x</p></body></html>',
      new URL('https://example.com/'),
    );
    expect(extracted.title).toBeNull();
    expect(extracted.links.docs).toBe('https://cdn.example/site/docs/');
  });

  it('reads og:title and og:description when the plain ones are missing', () => {
    const extracted = extractHtml(
      '<html><head><meta property="og:title" content=" OG  title "><meta property="og:description" content="OG description"></head><body><p>x</p></body></html>',
      null,
    );
    expect(extracted).toMatchObject({ title: 'OG title', description: 'OG description' });
  });
});
