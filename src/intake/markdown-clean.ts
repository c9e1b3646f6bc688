/**
 * Line-level clean-up of Markdown/MDX prose (never of code blocks): READMEs mix Markdown with
 * raw HTML, badges and MDX components, none of which is text a reviewer reads. Markdown is not
 * HTML, so these are small textual rewrites rather than a DOM parse; code fences are split off
 * before any of them runs (see markdown.ts).
 */
import type { Anchor } from './links.js';

/** `[text](url "title")`, allowing one level of parentheses inside the URL. */
export const MARKDOWN_LINK = /\[([^[\]]*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+["'][^"']*["'])?\s*\)/g;
const BADGE = /\[!\[[^\]]*\]\([^)]*\)\]\(\s*([^)\s]*)[^)]*\)|\[!\[[^\]]*\]\[[^\]]*\]\]\[[^\]]*\]/g;
const IMAGE = /!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]/g;
const HTML_ANCHOR = /<a\b[^>]*?\bhref\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a\s*>/gi;
const HTML_HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi;
const BLOCK_TAG = /<\/?(?:p|div|br|ul|ol|table|tr|blockquote|section|details|summary|center|hr)\b[^>]*>/gi;
const LIST_ITEM_TAG = /<li\b[^>]*>/gi;
// A tag or MDX component: `<Tabs>`, `</TabItem>`, `<Image style={{…}} />`. Autolinks such as
// <https://x.y> do not match, because ':' and '/' may not follow the name directly.
const ANY_TAG = /<\/?[A-Za-z][\w.-]*(?:\s[^<>]*)?\/?>/g;
const MDX_STATEMENT = /^(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?["'][^"']+["'];?|export\s+(?:const|default|function|let)\b.*)\s*$/gm;
const MDX_COMMENT = /\{\/\*[\s\S]*?\*\/\}/g;
const REFERENCE_DEFINITION = /^\s*\[[^\]]+\]:\s*\S+.*$/gm;

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', rarr: '→',
  larr: '←', middot: '·', hellip: '…', copy: '©', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function stripTags(text: string): string {
  return text.replace(ANY_TAG, '');
}

/**
 * Rewrites one prose segment. Badge targets and every link are pushed to `anchors` first, so
 * the repository a badge points at still counts. Markdown links are kept (as `[text](url)`)
 * for the description heuristic; `linksToText` flattens them at the very end.
 */
export function cleanProse(prose: string, anchors: Anchor[]): string {
  let text = prose.replace(/<!--[\s\S]*?-->/g, '').replace(MDX_COMMENT, '');
  text = text.replace(/<img\b[^>]*>/gi, '');
  text = text.replace(BADGE, (_whole, href: string | undefined) => {
    if (href) anchors.push({ href, text: '' });
    return '';
  });
  text = text.replace(IMAGE, '');
  text = text.replace(HTML_ANCHOR, (_whole, href: string, inner: string) => `[${stripTags(inner).replace(/[[\]]/g, '')}](${href})`);
  for (const match of text.matchAll(MARKDOWN_LINK)) anchors.push({ href: match[2] ?? '', text: match[1] ?? '' });
  text = text.replace(HTML_HEADING, (_whole, level: string, inner: string) => {
    const heading = stripTags(inner).replace(/\s+/g, ' ').trim();
    return heading ? `\n\n${'#'.repeat(Number(level))} ${heading}\n\n` : '\n';
  });
  text = text.replace(LIST_ITEM_TAG, '\n- ').replace(BLOCK_TAG, '\n');
  text = stripTags(text).replace(MDX_STATEMENT, '').replace(REFERENCE_DEFINITION, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : line.trimEnd()))
    .join('\n');
}

/** `[text](url)` → `text`; a link whose text was only an image disappears. */
export function linksToText(text: string): string {
  return text.replace(MARKDOWN_LINK, (_whole, label: string) => label.replace(/\s+/g, ' ').trim());
}

/** Admonition fences (`:::note Title`, `:::`) become their title, or nothing. */
export function stripAdmonitionFences(text: string): string {
  return text.replace(/^:::\s*[\w-]*\s*(.*)$/gm, (_whole, title: string) => title.trim());
}
