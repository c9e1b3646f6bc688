/**
 * Feed entries that point at a directory, launch or discussion page rather than at the tool.
 * Reviewing Product Hunt's page, a Hacker News thread or a GitHub release page would review
 * that page; the entry usually also names the tool's own address, so that becomes the target
 * and the listing is kept as a link on the tool. The shapes, from the recorded feeds in
 * fixtures/recorded/feeds/:
 *
 * - Product Hunt: the entry's link is its producthunt.com post/product page; the product's site
 *   is an anchor in the content HTML — "Link" in producthunt.com/feed, "[Website]" in feeds
 *   built on the Product Hunt API — through Product Hunt's redirect (`producthunt.com/r/…`),
 *   or an entry `<link>` with another rel. Without one, the entry is skipped.
 * - Hacker News (news.ycombinator.com/rss, hnrss.org): `<link>` is the story and `<comments>`
 *   the thread. An item whose link is the thread itself (Ask HN, a text-only Show HN) names no
 *   tool (hnrss's "Article URL:" line is used when present); otherwise it is skipped.
 * - GitHub releases Atom: each entry links `/owner/repo/releases/tag/…`; the tool is the repository.
 *
 * Pure; the URL given is already absolute.
 */
import { load } from 'cheerio';

export interface EntryView {
  title: string | null;
  /** Content, summary or description, as HTML. */
  html: string[];
  /** The entry's base URI, for relative links inside its HTML. */
  base: string | null;
  /** Atom `<link>`s, resolved. */
  links: { rel: string; href: string }[];
  /** RSS `<comments>`, resolved. */
  comments: string | null;
}

export type Listing =
  | { target: string; name: string | null; links?: Record<string, string> }
  | { skip: string };

const PRODUCT_HUNT = /^(?:www\.)?producthunt\.com$/i;
const HACKER_NEWS = /^news\.ycombinator\.com$/i;
/** Anchor text Product Hunt's feeds give the product's own site. */
const WEBSITE_TEXT = /^\[?\s*(?:link|website|visit(?: the)? website|get it)\s*\]?$/i;

function host(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

function anchors(view: EntryView): { href: string; text: string }[] {
  return view.html.flatMap((html) => {
    const $ = load(html);
    return $('a[href]')
      .toArray()
      .flatMap((node) => {
        try {
          const url = new URL(node.attribs.href ?? '', view.base ?? undefined);
          if (url.protocol !== 'https:' && url.protocol !== 'http:') return [];
          return [{ href: url.href, text: $(node).text().replace(/\s+/g, ' ').trim() }];
        } catch {
          return [];
        }
      });
  });
}

function productHunt(url: URL, view: EntryView): Listing {
  const related = view.links.find((link) => !['alternate', 'self', 'replies', 'edit'].includes(link.rel) && !PRODUCT_HUNT.test(host(link.href)));
  const found = anchors(view);
  const website =
    related?.href ??
    found.find((anchor) => WEBSITE_TEXT.test(anchor.text))?.href ??
    found.find((anchor) => {
      const where = host(anchor.href);
      return where !== '' && !PRODUCT_HUNT.test(where) && !where.endsWith('.producthunt.com') && !where.endsWith('imgix.net');
    })?.href;
  if (website == null) return { skip: "is a Product Hunt page and the entry gives no link to the product's own site" };
  return { target: website, name: null, links: { productHunt: url.href } };
}

function hackerNewsThread(url: URL, view: EntryView): Listing {
  // hnrss writes "Article URL: <a href=…>" for link posts; a text post has none.
  const article = view.html
    .flatMap((html) => {
      const $ = load(html);
      return $('p')
        .toArray()
        .filter((node) => /^\s*Article URL:/i.test($(node).text()))
        .map((node) => $(node).find('a[href]').attr('href') ?? '');
    })
    .find((href) => /^https?:\/\//i.test(href) && !HACKER_NEWS.test(host(href)));
  if (article == null) return { skip: 'is a Hacker News discussion (Ask HN or a text post) that links to no tool' };
  return { target: article, name: null, links: { hackerNews: url.href } };
}

/** `/owner/repo/releases`, `/owner/repo/releases/tag/v1`, `/owner/repo/releases/v1` → the repository. */
function gitHubRelease(url: URL): Listing | null {
  const match = /^\/([^/]+)\/([^/]+)\/releases(?:\/|$)/.exec(url.pathname);
  if (host(url.href) !== 'github.com' || match == null) return null;
  const [, owner = '', repo = ''] = match;
  return { target: `https://github.com/${owner}/${repo}`, name: repo, links: { githubRelease: url.href } };
}

export function mapListing(url: URL, view: EntryView): Listing {
  const where = host(url.href);
  if (PRODUCT_HUNT.test(where)) return productHunt(url, view);
  if (HACKER_NEWS.test(where) && url.pathname === '/item') return hackerNewsThread(url, view);
  const release = gitHubRelease(url);
  if (release) return release;
  const thread = view.comments != null && HACKER_NEWS.test(host(view.comments)) ? { hackerNews: view.comments } : undefined;
  return { target: url.href, name: null, ...(thread ? { links: thread } : {}) };
}
