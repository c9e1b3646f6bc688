/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds → the tools they link to (pure). Parsed with cheerio
 * in XML mode (htmlparser2), already a dependency for page extraction: forgiving inside, like
 * feed readers are, but a body that is not a feed, or whose root element never closes (a
 * truncated download), is refused with one line (exit 2).
 */
import { load, type Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { UsageError } from '../errors.js';
import type { SourceEntry } from './lists.js';

export interface FeedResult {
  title: string | null;
  entries: SourceEntry[];
  /** Items skipped for a missing or non-http(s) link, one line each, for the log. */
  warnings: string[];
}

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf']);

const text = (node: Cheerio<AnyNode>): string | null => node.first().text().trim() || null;

/** Atom: `rel="alternate"` (or no rel, which means alternate); never self, edit or enclosure. */
function atomLink(entry: Cheerio<Element>): string | null {
  const links = entry.children('link').toArray();
  const alternate = links.find((link) => (link.attribs.rel ?? 'alternate') === 'alternate');
  return alternate?.attribs.href?.trim() || null;
}

/** RSS: `<link>`, else a `<guid>` that is a permalink (the default unless isPermaLink="false"). */
function rssLink(item: Cheerio<Element>): string | null {
  const link = text(item.children('link'));
  if (link) return link;
  const guid = item.children('guid').first();
  if (guid.length === 0 || guid.attr('ispermalink') === 'false' || guid.attr('isPermaLink') === 'false') return null;
  return text(guid);
}

function absoluteHttp(link: string, base: string | undefined): string | null {
  try {
    const url = base ? new URL(link, base) : new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Items in feed order. `baseUrl` (the feed's own URL) resolves relative links; a file feed's
 * relative links cannot be resolved and are skipped with a warning.
 */
export function parseFeed(xml: string, label: string, baseUrl?: string): FeedResult {
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

  const atom = rootName === 'feed';
  const nodes = atom ? $(root).children('entry') : $(root).find('item');
  const entries: SourceEntry[] = [];
  const warnings: string[] = [];
  nodes.each((index, node) => {
    const item = $(node);
    const link = atom ? atomLink(item) : rssLink(item);
    const name = text(item.children('title'));
    const url = link == null ? null : absoluteHttp(link, baseUrl);
    if (url == null) {
      const what = link == null ? 'has no link' : `has an unusable link "${link.slice(0, 200)}"`;
      warnings.push(`${label}: ${atom ? 'entry' : 'item'} ${index + 1}${name ? ` (${name.slice(0, 80)})` : ''} ${what}; skipped`);
      return;
    }
    entries.push({ target: url, name });
  });
  const channelTitle = atom ? text($(root).children('title')) : text($(root).find('channel > title'));
  return { title: channelTitle, entries, warnings };
}
