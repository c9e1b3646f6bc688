/**
 * HTML page → what intake knows: title, description, canonical URL, site name, JSON-LD facts,
 * the links a review cares about and the readable main text. Parsed with cheerio (parse5,
 * the browser algorithm), never with regexes over markup.
 */
import { load, type CheerioAPI } from 'cheerio';
// Type-only: cheerio's node types come from domhandler; nothing of it is loaded at runtime.
import type { AnyNode } from 'domhandler';
import { readJsonLd } from './json-ld.js';
import { absoluteHref, pickLinks, type Anchor } from './links.js';
import { readableText } from './readable-text.js';
import type { Extracted } from './source.js';

function clean(value: string | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

/** The content of the first <meta> whose name or property matches (case-insensitively). */
function meta($: CheerioAPI, key: string): string | null {
  const element = $('meta')
    .filter((_, item) => {
      const name = ($(item).attr('name') ?? $(item).attr('property') ?? '').toLowerCase();
      return name === key;
    })
    .first();
  return clean(element.attr('content'));
}

/**
 * A page source kept in a static-site repo (Jekyll) starts with YAML front matter that the
 * site generator removes before serving; a served page never starts with it.
 */
function stripFrontMatter(html: string): string {
  const match = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(html);
  return match ? html.slice(match[0].length) : html;
}

// Hidden from a reader but still in the page (and so possibly in front of a model): hidden
// elements, screen-reader-only and off-screen text, and zero-size or transparent text.
const HIDDEN = '[hidden], [aria-hidden=true], noscript, template, .sr-only, .visually-hidden, .screen-reader-text';
const HIDDEN_STYLE =
  /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9])|(?:left|top|text-indent)\s*:\s*-\d{3,}/i;
// Attributes whose text a model may be shown (alt, title) or that carry page text (meta content).
const TEXT_ATTRIBUTES = new Set(['alt', 'title', 'aria-label', 'aria-description', 'placeholder', 'content', 'value', 'label', 'summary']);

/**
 * Everything the page carries that a reader does not see as text: hidden elements, comments,
 * text-bearing attributes (alt, title, aria-label, data-*) and meta tags. The prompt-injection
 * detector reads it; it never reaches a prompt. Call before `readableText` removes elements.
 */
function hiddenText($: CheerioAPI): string {
  const pieces: string[] = [];
  $(HIDDEN).each((_, element) => void pieces.push($(element).text()));
  $('[style]')
    .filter((_, element) => HIDDEN_STYLE.test($(element).attr('style') ?? ''))
    .each((_, element) => void pieces.push($(element).text()));
  const walk = (node: AnyNode): void => {
    if (node.type === 'comment') pieces.push(node.data);
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      for (const [name, value] of Object.entries(node.attribs)) {
        if (TEXT_ATTRIBUTES.has(name) || name.startsWith('data-')) pieces.push(value);
      }
    }
    if ('children' in node) node.children.forEach(walk);
  };
  $.root().toArray().forEach(walk);
  return pieces.join('\n');
}

/**
 * `pageUrl` is where the page was fetched from (null for a local file): relative links and the
 * canonical link resolve against it.
 */
export function extractHtml(html: string, pageUrl: URL | null): Extracted {
  const $ = load(stripFrontMatter(html));
  // 'head title': an inline <svg> in the body may carry its own <title>.
  const title = meta($, 'og:title') ?? clean($('head title').first().text());
  const description = meta($, 'description') ?? meta($, 'og:description');
  const baseHref = $('base[href]').first().attr('href');
  const documentBase = (baseHref ? absoluteHref(baseHref, pageUrl) : null) ?? pageUrl;
  const canonicalHref = $('link[rel~=canonical]').first().attr('href');
  const canonical = canonicalHref ? absoluteHref(canonicalHref, documentBase) : null;
  const siteName = meta($, 'og:site_name');
  const known = readJsonLd(
    $('script')
      .filter((_, item) => ($(item).attr('type') ?? '').trim().toLowerCase().startsWith('application/ld+json'))
      .toArray()
      .map((item) => $(item).text()),
  );
  // Anchors are read before the chrome goes: the header and footer are where a landing page
  // links its repository, docs and pricing. A saved file has no URL of its own, so its
  // canonical link is the best base for its relative links.
  const base = documentBase ?? canonical;
  const anchors: Anchor[] = $('a[href]')
    .toArray()
    .map((item) => ({ href: $(item).attr('href') ?? '', text: $(item).text() }));
  const links: Record<string, string> = { ...pickLinks(anchors, base, `${title ?? ''} ${siteName ?? ''} ${description ?? ''}`) };
  const homepage = canonical?.href ?? pageUrl?.href;
  if (homepage) links.homepage = homepage;

  const facts: Extracted['facts'] = {};
  if (siteName) facts['page.siteName'] = siteName;
  if (canonical) facts['page.canonical'] = canonical.href;

  const hidden = hiddenText($);
  return { title, description, canonical: canonical?.href ?? null, text: readableText($), links, facts, known, hiddenText: hidden, raw: html };
}
