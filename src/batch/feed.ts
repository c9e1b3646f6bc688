/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds → the tools they link to (pure). Parsed with cheerio
 * in XML mode (htmlparser2), already a dependency for page extraction: forgiving inside, like
 * feed readers are, but a body that is not a feed, or whose root element never closes (a
 * truncated download), is refused with one line (exit 2).
 *
 * Relative links are resolved as feed readers do (RFC 3986 with XML Base): against the
 * `xml:base` of the link and of every element around it, on top of the document's address —
 * the URL the feed came from or, for a saved file, the feed's own link (`rel="self"`, else its
 * alternate page), since a path on disk is no base for a web address. GitHub's releases feed
 * links its entries as `/owner/repo/releases/tag/v1`, which a base-less parser drops.
 * Entries that point at a launch or discussion page are then mapped to the tool (feed-listings.ts).
 */
import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { UsageError } from '../errors.js';
import { mapListing, type EntryView } from './feed-listings.js';
import type { SourceEntry } from './lists.js';

export interface FeedResult {
  title: string | null;
  entries: SourceEntry[];
  /** Items skipped for a missing or non-http(s) link, or a listing page without the tool's own link. */
  warnings: string[];
  /** Items or entries the feed has, usable or not. */
  total: number;
}

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf']);

const text = (node: Cheerio<AnyNode>): string | null => node.first().text().trim() || null;

function isElement(node: AnyNode | null | undefined): node is Element {
  return node != null && (node.type === 'tag' || node.type === 'script' || node.type === 'style');
}

function httpUrl(link: string, base: string | null): string | null {
  try {
    const url = base ? new URL(link, base) : new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The base URI in effect at `node`: every `xml:base` from the root down to it, each resolved
 * against the one around it, starting from `documentBase`. An `xml:base` that is not a URL
 * leaves the surrounding base in effect.
 */
export function baseAt(node: Element, documentBase: string | null): string | null {
  const chain: string[] = [];
  for (let current: AnyNode | null = node; isElement(current); current = current.parent) {
    const value = current.attribs['xml:base'];
    if (value != null) chain.unshift(value.trim());
  }
  let base = documentBase;
  for (const value of chain) {
    try {
      base = new URL(value, base ?? undefined).href;
    } catch {
      // Relative with nothing to resolve against, or malformed: keep what was in effect.
    }
  }
  return base;
}

interface LinkRef {
  rel: string;
  href: string;
  node: Element;
}

function atomLinks(entry: Cheerio<Element>): LinkRef[] {
  return entry
    .children('link')
    .toArray()
    .filter((node) => (node.attribs.href ?? '').trim() !== '')
    .map((node) => ({ rel: (node.attribs.rel ?? 'alternate').trim().toLowerCase(), href: (node.attribs.href ?? '').trim(), node }));
}

/** Atom: `rel="alternate"` (or no rel, which means alternate); never self, edit or enclosure. */
function atomLink(entry: Cheerio<Element>): LinkRef | null {
  return atomLinks(entry).find((link) => link.rel === 'alternate') ?? null;
}

/** RSS: `<link>`, else a `<guid>` that is a permalink (the default unless isPermaLink="false"). */
function rssLink(item: Cheerio<Element>): LinkRef | null {
  const link = item.children('link').first();
  const href = text(link);
  if (href && isElement(link[0])) return { rel: 'alternate', href, node: link[0] };
  const guid = item.children('guid').first();
  const node = guid[0];
  if (!isElement(node) || guid.attr('ispermalink') === 'false' || guid.attr('isPermaLink') === 'false') return null;
  const permalink = text(guid);
  return permalink ? { rel: 'alternate', href: permalink, node } : null;
}

/**
 * The document's own address for a saved feed: Atom `<link rel="self">`, else its alternate
 * page; RSS `<atom:link rel="self">`, else the channel's `<link>`. Absolute http(s) only.
 */
function ownLink($: CheerioAPI, root: Element, atom: boolean): string | null {
  const candidates: LinkRef[] = [];
  if (atom) {
    const links = atomLinks($(root));
    candidates.push(...links.filter((link) => link.rel === 'self'), ...links.filter((link) => link.rel === 'alternate'));
  } else {
    const channel = $(root).children('channel').first();
    const self = channel.children('atom\\:link').toArray().find((node) => node.attribs.rel === 'self');
    if (self?.attribs.href) candidates.push({ rel: 'self', href: self.attribs.href.trim(), node: self });
    const link = channel.children('link').first();
    const href = text(link);
    if (href && isElement(link[0])) candidates.push({ rel: 'alternate', href, node: link[0] });
  }
  for (const candidate of candidates) {
    const url = httpUrl(candidate.href, baseAt(candidate.node, null));
    if (url) return url;
  }
  return null;
}

/** The HTML an entry carries (content, summary, RSS description, content:encoded), decoded. */
function entryHtml($: CheerioAPI, item: Cheerio<Element>): string[] {
  return item
    .children('content, summary, description, content\\:encoded')
    .toArray()
    .map((node) => (node.attribs.type === 'xhtml' ? ($(node).html() ?? '') : $(node).text()))
    .filter((html) => html.trim() !== '');
}

function entryView($: CheerioAPI, node: Element, atom: boolean, documentBase: string | null): EntryView {
  const item = $(node);
  const links = atom ? atomLinks(item) : [];
  const comments = text(item.children('comments'));
  return {
    title: text(item.children('title')),
    html: entryHtml($, item),
    base: baseAt(node, documentBase),
    links: links.flatMap((link) => {
      const href = httpUrl(link.href, baseAt(link.node, documentBase));
      return href ? [{ rel: link.rel, href }] : [];
    }),
    comments: comments ? httpUrl(comments, baseAt(node, documentBase)) : null,
  };
}

function rootOf(xml: string, label: string): { $: CheerioAPI; root: Element; rootName: string } {
  const $ = load(xml, { xml: { withStartIndices: true, withEndIndices: true } });
  const root = $.root().children().toArray().find((node): node is Element => node.type === 'tag');
  const rootName = root?.name.toLowerCase();
  if (root == null || rootName == null || !FEED_ROOTS.has(rootName)) {
    const found = root == null ? 'no XML element' : `<${root.name}>`;
    throw new UsageError(`${label} is not an RSS or Atom feed (found ${found} where <rss> or <feed> should be)`);
  }
  // htmlparser2 closes whatever is still open at the end of the text; a real closing tag (or a
  // self-closing root) is how a complete document ends.
  const raw = xml.slice(root.startIndex ?? 0, (root.endIndex ?? xml.length) + 1).trimEnd();
  if (!raw.endsWith('/>') && !raw.toLowerCase().endsWith(`</${rootName}>`)) {
    throw new UsageError(`${label} is a malformed feed: <${root.name}> is never closed (truncated?)`);
  }
  return { $, root, rootName };
}

/**
 * Items in feed order. `baseUrl` is the URL the feed was fetched from; without it (a file) the
 * feed's own link is the base, and relative links that still cannot be resolved are skipped
 * with a warning.
 */
export function parseFeed(xml: string, label: string, baseUrl?: string): FeedResult {
  const { $, root, rootName } = rootOf(xml, label);
  const atom = rootName === 'feed';
  const documentBase = baseUrl ?? ownLink($, root, atom);
  const nodes = atom ? $(root).children('entry') : $(root).find('item');
  const entries: SourceEntry[] = [];
  const warnings: string[] = [];
  nodes.each((index, node) => {
    const item = $(node);
    const link = atom ? atomLink(item) : rssLink(item);
    const name = text(item.children('title'));
    const where = `${label}: ${atom ? 'entry' : 'item'} ${index + 1}${name ? ` (${name.slice(0, 80)})` : ''}`;
    const url = link == null ? null : httpUrl(link.href, baseAt(link.node, documentBase));
    if (link == null || url == null) {
      const why =
        link == null
          ? 'has no link'
          : `has an unusable link "${link.href.slice(0, 200)}"${documentBase == null && !/^[a-z][a-z\d+.-]*:/i.test(link.href) ? ' (relative, and the feed gives no base to resolve it against)' : ''}`;
      warnings.push(`${where} ${why}; skipped`);
      return;
    }
    const listing = mapListing(new URL(url), entryView($, node, atom, documentBase));
    if ('skip' in listing) {
      warnings.push(`${where} ${listing.skip}; skipped`);
      return;
    }
    entries.push({ target: listing.target, name: listing.name ?? name, ...(listing.links ? { links: listing.links } : {}) });
  });
  const channelTitle = atom ? text($(root).children('title')) : text($(root).find('channel > title'));
  return { title: channelTitle, entries, warnings, total: nodes.length };
}
