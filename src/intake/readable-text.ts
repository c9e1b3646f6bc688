/**
 * The readable main text of an HTML page: chrome (navigation, scripts, banners, hidden and
 * cookie-consent elements) removed, the main content preferred, and the block structure kept
 * as lines so the model still sees headings, paragraphs and lists.
 */
import type { CheerioAPI } from 'cheerio';
// Type-only: cheerio's node types come from domhandler; nothing of it is loaded at runtime.
import type { AnyNode, Element } from 'domhandler';
import { textContent } from './dom-text.js';

const CHROME = [
  'script', 'style', 'noscript', 'template', 'svg', 'nav', 'aside', 'form', 'iframe', 'button',
  'select', 'input', 'textarea', 'video', 'audio', 'canvas', 'object', 'embed',
  '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[hidden]', '[aria-hidden=true]',
].join(', ');

const COOKIE_PATTERN = /cookie|consent|gdpr/i;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
// Blocks followed by a blank line (a paragraph break) versus a plain line break.
const PARAGRAPHS = new Set(['p', 'blockquote', 'table', 'figure', 'dl', 'section', 'article', 'main', 'header', 'footer']);
const LINES = new Set([
  'div', 'ul', 'ol', 'li', 'tr', 'dt', 'dd', 'figcaption', 'address', 'details', 'summary', 'hr', 'body', 'center',
]);

// Unrendered template syntax (Jinja/Liquid {% %} {{ }} {# #}, EJS <% %>): a page shows it only
// when its template was never rendered, and it says nothing about the tool. Code keeps it.
const TEMPLATE_DIRECTIVE = /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}|\{#[\s\S]*?#\}|<%[\s\S]*?%>/g;

function inCode(node: AnyNode): boolean {
  for (let parent = node.parent; parent != null; parent = parent.parent) {
    if (parent.type === 'tag' && ['code', 'pre', 'kbd', 'samp'].includes((parent as Element).tagName)) return true;
  }
  return false;
}

/** Removes everything that is not page content, in place. */
function removeChrome($: CheerioAPI): void {
  $(CHROME).remove();
  // A page header or footer is site chrome; one inside <main>/<article> is part of the content
  // (a hero section, an article byline), so only the outer ones go.
  $('header, footer').filter((_, element) => $(element).parents('main, article, [role=main]').length === 0).remove();
  $('[style]')
    .filter((_, element) => /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test($(element).attr('style') ?? ''))
    .remove();
  // Consent banners are matched by id/class. Never a container of the content itself (some
  // sites put a "cookies-accepted" class on <body>) and never a long block: a banner is a few
  // sentences, while a page about a cookie library may well use the word in its classes.
  $('[id], [class]')
    .filter((_, element) => {
      if (['html', 'body', 'main', 'article'].includes(element.tagName)) return false;
      const label = `${$(element).attr('id') ?? ''} ${$(element).attr('class') ?? ''}`;
      if (!COOKIE_PATTERN.test(label)) return false;
      return $(element).find('main, article, [role=main]').length === 0 && collapsed(textContent([element])).length < 1500;
    })
    .remove();
}

function collapsed(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** <main>, [role=main] or the largest <article>, when it holds a real share of the page. */
function contentRoot($: CheerioAPI): AnyNode[] {
  const body = $('body');
  const bodyLength = collapsed(textContent(body.toArray())).length;
  const articleLength = (article: AnyNode) => collapsed(textContent([article])).length;
  const largestArticle = $('article')
    .toArray()
    .map((article) => ({ article, length: articleLength(article) }))
    .sort((a, b) => b.length - a.length)[0]?.article;
  const candidates = [$('main').first(), $('[role=main]').first()];
  if (largestArticle) candidates.push($(largestArticle));
  for (const candidate of candidates) {
    const length = candidate.length ? collapsed(textContent(candidate.toArray())).length : 0;
    if (length >= 200 && length >= bodyLength * 0.3) return candidate.toArray();
  }
  return body.length ? body.toArray() : $.root().toArray();
}

/** What is left to do when a block's children are done. */
interface Exit {
  exit: true;
  name: string;
  block: boolean;
  paragraph: boolean;
}

/**
 * Walks the DOM and writes one line per block; headings get '#' marks, list items '- '.
 * Iterative (an explicit stack of nodes and block ends): a hostile page may nest deeply.
 */
function render(roots: AnyNode[]): string {
  const lines: string[] = [];
  let line = '';
  let prefix = '';
  const flush = (gap: boolean) => {
    const content = collapsed(line);
    if (content) lines.push(prefix + content);
    if (content) prefix = '';
    line = '';
    if (gap && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  };
  const stack: Array<AnyNode | Exit> = [...roots].reverse();
  while (stack.length > 0) {
    const step = stack.pop() as AnyNode | Exit;
    if ('exit' in step) {
      if (step.name === 'td' || step.name === 'th') line += ' ';
      if (step.block) flush(step.paragraph);
      if (step.name === 'li') prefix = '';
      continue;
    }
    const node = step;
    if (node.type === 'text') {
      line += inCode(node) ? node.data : node.data.replace(TEMPLATE_DIRECTIVE, ' ');
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'root') continue;
    const element = node as Element;
    const name = node.type === 'tag' ? element.tagName : 'body';
    if (HEADINGS.has(name)) {
      flush(true);
      const heading = collapsed(textContent([element], true));
      if (heading) lines.push(`${'#'.repeat(Number(name[1]))} ${heading}`, '');
      continue;
    }
    if (name === 'pre') {
      flush(true);
      const code = textContent([element], true).replace(/^\n+|\s+$/g, '');
      // Fenced, so a '# comment' in a shell snippet is not read as a heading.
      if (code) lines.push('```', code, '```', '');
      continue;
    }
    if (name === 'br') {
      flush(false);
      continue;
    }
    const paragraph = PARAGRAPHS.has(name);
    const block = paragraph || LINES.has(name);
    if (block) flush(paragraph);
    if (name === 'li') prefix = '- ';
    // Adjacent inline elements (<a>4 tools</a><span>read, write</span>) are set apart by CSS on
    // the page; without a space their words would run together.
    if (!block && element.prev?.type === 'tag' && line !== '' && !/\s$/.test(line)) line += ' ';
    stack.push({ exit: true, name, block, paragraph });
    for (let index = element.children.length - 1; index >= 0; index -= 1) stack.push(element.children[index] as AnyNode);
  }
  flush(false);
  return lines.join('\n').trim();
}

/** Mutates `$` (removes chrome), so call it after metadata and links have been read. */
export function readableText($: CheerioAPI): string {
  removeChrome($);
  return render(contentRoot($));
}
