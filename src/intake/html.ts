/**
 * HTML page → what intake knows: title, description, canonical URL, site name, JSON-LD facts,
 * the links a review cares about and the readable main text. Parsed with cheerio (parse5,
 * the browser algorithm), never with regexes over markup.
 */
import { load, type CheerioAPI } from 'cheerio';
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

  return { title, description, canonical: canonical?.href ?? null, text: readableText($), links, facts, known };
}
