/**
 * The DOM half of HTML extraction: parse once (cheerio, parse5 — the browser algorithm, never
 * regexes over markup), check the tree against the limits, and read out plain strings: title,
 * meta, canonical and og:url, JSON-LD blocks, anchors, hidden text and the readable text. Runs
 * inside the parse worker (html-parse.ts), so what it returns must survive structured cloning;
 * interpreting those strings (URLs, JSON-LD, links) is html.ts's job, on the main thread.
 */
import { load, type CheerioAPI } from 'cheerio';
// Type-only: cheerio's node types come from domhandler; nothing of it is loaded at runtime.
import type { AnyNode } from 'domhandler';
import { textContent } from './dom-text.js';
import { measureTree, prescanHtml, type HtmlLimits, type LimitName } from './html-limits.js';
import type { Anchor } from './links.js';
import { readableText } from './readable-text.js';

export interface DomFacts {
  title: string | null;
  description: string | null;
  siteName: string | null;
  baseHref: string | null;
  canonicalHref: string | null;
  ogUrl: string | null;
  jsonLd: string[];
  anchors: Anchor[];
  /** Hidden elements, comments and text-bearing attributes: only for injection detection. */
  hiddenText: string;
  text: string;
}

export type DomResult = { ok: true; dom: DomFacts } | { ok: false; limit: LimitName };

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
  $(HIDDEN).each((_, element) => void pieces.push(textContent([element])));
  $('[style]')
    .filter((_, element) => HIDDEN_STYLE.test($(element).attr('style') ?? ''))
    .each((_, element) => void pieces.push(textContent([element])));
  const stack: AnyNode[] = $.root().toArray();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'comment') pieces.push(node.data);
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      for (const [name, value] of Object.entries(node.attribs)) {
        if (TEXT_ATTRIBUTES.has(name) || name.startsWith('data-')) pieces.push(value);
      }
    }
    // Children go on in reverse, so the pieces come out in document order.
    if ('children' in node) for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as AnyNode);
  }
  return pieces.join('\n');
}

/**
 * Parses the page and reads what extraction needs, or names the limit it is over. The source
 * is scanned first (linear), so a page that would make the parser quadratic is never parsed.
 */
export function readDom(html: string, limits: HtmlLimits): DomResult {
  const source = stripFrontMatter(html);
  const scanned = prescanHtml(source, limits);
  if (scanned) return { ok: false, limit: scanned };
  const $ = load(source);
  for (const root of $.root().toArray()) {
    const measured = measureTree(root, limits);
    if (measured) return { ok: false, limit: measured };
  }
  const dom: DomFacts = {
    // 'head title': an inline <svg> in the body may carry its own <title>.
    title: meta($, 'og:title') ?? clean(textContent($('head title').first().toArray())),
    description: meta($, 'description') ?? meta($, 'og:description'),
    siteName: meta($, 'og:site_name'),
    baseHref: $('base[href]').first().attr('href') ?? null,
    canonicalHref: $('link[rel~=canonical]').first().attr('href') ?? null,
    ogUrl: meta($, 'og:url'),
    jsonLd: $('script')
      .filter((_, item) => ($(item).attr('type') ?? '').trim().toLowerCase().startsWith('application/ld+json'))
      .toArray()
      .map((item) => textContent([item])),
    // Anchors are read before the chrome goes: the header and footer are where a landing page
    // links its repository, docs and pricing.
    anchors: $('a[href]')
      .toArray()
      .map((item) => ({ href: $(item).attr('href') ?? '', text: textContent([item]) })),
    hiddenText: hiddenText($),
    text: '',
  };
  dom.text = readableText($);
  return { ok: true, dom };
}
