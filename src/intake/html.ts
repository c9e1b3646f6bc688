/**
 * HTML page → what intake knows: title, description, canonical URL, site name, JSON-LD facts,
 * the links a review cares about and the readable main text. The DOM is read by html-dom.ts
 * (in the parse worker for fetched pages and files); this file decides what the strings mean.
 */
import { DEFAULT_HTML_LIMITS } from '../config.js';
import { IntakeError } from '../errors.js';
import type { Flag } from '../schemas.js';
import { readDom, type DomFacts } from './html-dom.js';
import { limitMessage, prescanHtml, type HtmlLimits } from './html-limits.js';
import { readDomInWorker } from './html-parse.js';
import { readJsonLdBlocks } from './json-ld.js';
import { absoluteHref, pickLinks } from './links.js';
import type { Extracted } from './source.js';

/** The flag a draft gets when its page claims the address of another site. */
export const FOREIGN_CANONICAL_FLAG = 'foreign-canonical';

export interface PageAddress {
  /** Where the page was fetched from, after redirects; null for a local file. */
  url: URL | null;
  /** The URL asked for, when a redirect led elsewhere: its site counts as the page's own too. */
  requested?: URL | undefined;
}

function host(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

/**
 * Same site means the same host, a leading `www.` aside. Not the registrable domain: without
 * the public-suffix list, `alice.github.io` and `bob.github.io` would be one "site".
 */
function sameSite(claimed: URL, own: URL[]): boolean {
  return own.some((url) => host(url) === host(claimed));
}

/**
 * The address the page claims for itself (canonical link, og:url, JSON-LD `url`) is believed
 * only on the page's own site; a page anywhere else naming https://aider.chat/ as its canonical
 * would otherwise be stored as Aider and make a later batch skip the real one. A foreign claim
 * is kept as a link and a flag for the editor. A saved file has no address of its own, so it
 * is believed.
 */
function claimedAddress(
  dom: DomFacts,
  base: URL | null,
  jsonLdUrl: string | null,
  address: PageAddress,
): { canonical: URL | null; foreign: { url: URL; from: string } | null } {
  const claims: Array<{ url: URL | null; from: string }> = [
    { url: dom.canonicalHref ? absoluteHref(dom.canonicalHref, base) : null, from: 'its canonical link' },
    { url: dom.ogUrl ? absoluteHref(dom.ogUrl, base) : null, from: 'og:url' },
    { url: jsonLdUrl ? absoluteHref(jsonLdUrl, base) : null, from: 'its JSON-LD url' },
  ];
  const own = [address.url, address.requested].filter((url): url is URL => url != null);
  const canonical = claims[0]?.url ?? null;
  if (own.length === 0) return { canonical, foreign: null };
  const foreign = claims.find((claim): claim is { url: URL; from: string } => claim.url != null && !sameSite(claim.url, own)) ?? null;
  return { canonical: canonical && sameSite(canonical, own) ? canonical : null, foreign };
}

/** DOM strings → the extracted document, relative URLs resolved against the page's address. */
export function assembleHtml(dom: DomFacts, html: string, address: PageAddress): Extracted {
  const pageUrl = address.url;
  const documentBase = (dom.baseHref ? absoluteHref(dom.baseHref, pageUrl) : null) ?? pageUrl;
  const jsonLd = readJsonLdBlocks(dom.jsonLd);
  const { canonical, foreign } = claimedAddress(dom, documentBase, jsonLd.url, address);
  // A saved file has no URL of its own, so its canonical link is the best base for its links.
  const base = documentBase ?? canonical;
  const hint = `${dom.title ?? ''} ${dom.siteName ?? ''} ${dom.description ?? ''}`;
  const links: Record<string, string> = { ...pickLinks(dom.anchors, base, hint) };
  const homepage = canonical?.href ?? pageUrl?.href;
  if (homepage) links.homepage = homepage;

  const facts: Extracted['facts'] = {};
  if (dom.siteName) facts['page.siteName'] = dom.siteName;
  if (canonical) facts['page.canonical'] = canonical.href;
  const flags: Flag[] = [];
  if (foreign && pageUrl) {
    links.claimed = foreign.url.href;
    flags.push({
      kind: FOREIGN_CANONICAL_FLAG,
      detail:
        `the page at ${pageUrl.href} names ${foreign.url.href} as its address (${foreign.from}), another site: ` +
        'reviewed under the address it was fetched from; the claimed one is kept as a link',
      snippet: foreign.url.href,
    });
  }
  return {
    title: dom.title,
    description: dom.description,
    canonical: canonical?.href ?? null,
    text: dom.text,
    links,
    facts,
    known: jsonLd.known,
    hiddenText: dom.hiddenText,
    raw: html,
    flags,
  };
}

function where(address: PageAddress): string {
  return address.url?.href ?? 'the page';
}

/**
 * In-process and synchronous (tests, small trusted inputs): the same limits, no deadline.
 * `pageUrl` is where the page was fetched from (null for a local file).
 */
export function extractHtml(html: string, pageUrl: URL | null, limits: HtmlLimits = DEFAULT_HTML_LIMITS): Extracted {
  const address = { url: pageUrl };
  const result = readDom(html, limits);
  if (!result.ok) throw new IntakeError(limitMessage(result.limit, limits, where(address)));
  return assembleHtml(result.dom, html, address);
}

/**
 * What intake uses: the DOM is read in a worker thread under `limits.parseTimeoutMs`, so a
 * page that defeats the limits cannot block the event loop (signals, other tools of a batch).
 * `label` names the page in an error line (a file path for files).
 */
export async function extractHtmlBounded(
  html: string,
  address: PageAddress,
  options: { limits?: HtmlLimits | undefined; signal?: AbortSignal | undefined; label?: string | undefined } = {},
): Promise<Extracted> {
  const limits = options.limits ?? DEFAULT_HTML_LIMITS;
  const label = options.label ?? where(address);
  // The linear pre-scan refuses most hostile pages here, before a worker is even involved.
  const scanned = prescanHtml(html, limits);
  if (scanned) throw new IntakeError(limitMessage(scanned, limits, label));
  const result = await readDomInWorker(html, limits, options.signal, label);
  if (!result.ok) throw new IntakeError(limitMessage(result.limit, limits, label));
  return assembleHtml(result.dom, html, address);
}
