/**
 * Bounds on one HTML page beside the byte cap. The HTML parser (parse5) spends time that grows
 * with the square of the nesting depth and of one element's attribute count, and recursive
 * helpers overflow the stack past a few thousand levels, so a 2 MB page of nested <div>s would
 * freeze the engine. `prescanHtml` refuses such a page in linear time before it is parsed;
 * the parsed tree is measured again (`measureTree`), and the parse itself runs in a worker
 * under a deadline (html-parse.ts).
 */
// Type-only (also config.ts): this module runs in the parse worker, which loads as little as it can.
import type { HtmlLimits } from '../config.js';
import type { AnyNode } from 'domhandler';

export type { HtmlLimits } from '../config.js';

export type LimitName = 'maxDepth' | 'maxElements' | 'maxAttributesPerElement' | 'maxAttributes' | 'parseTimeoutMs';

const VARIABLE: Record<LimitName, string> = {
  maxDepth: 'PANEL_HTML_MAX_DEPTH',
  maxElements: 'PANEL_HTML_MAX_ELEMENTS',
  maxAttributesPerElement: 'PANEL_HTML_MAX_ATTRIBUTES',
  maxAttributes: 'PANEL_HTML_MAX_TOTAL_ATTRIBUTES',
  parseTimeoutMs: 'PANEL_PARSE_TIMEOUT_MS',
};

/** The one line a page over a limit ends with, naming the limit and its variable. */
export function limitMessage(limit: LimitName, limits: HtmlLimits, where: string): string {
  const value = limits[limit].toLocaleString('en-US');
  const variable = `(limit ${VARIABLE[limit]}=${limits[limit]})`;
  switch (limit) {
    case 'maxDepth':
      return `page too deeply nested: ${where} has more than ${value} elements inside each other ${variable}`;
    case 'maxElements':
      return `page too large to parse: ${where} has more than ${value} elements ${variable}`;
    case 'maxAttributesPerElement':
      return `page too large to parse: ${where} has an element with more than ${value} attributes ${variable}`;
    case 'maxAttributes':
      return `page too large to parse: ${where} has more than ${value} attributes ${variable}`;
    case 'parseTimeoutMs':
      return `page too slow to parse: ${where} took more than ${limits.parseTimeoutMs / 1000}s to read ${variable}`;
  }
}

const VOID = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen',
  'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
// Their content is text up to the matching end tag, whatever it looks like.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
// Start tags that close an open <p> (the parser's "close a p element in button scope").
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul', 'dd', 'dt',
]);
// Elements whose end tag is optional: a new one closes the open one of its group, looking no
// further down the stack than its container.
const GROUPS: Record<string, { closes: Set<string>; stopAt: Set<string> }> = {};
for (const [names, stopAt] of [
  [['li'], ['ul', 'ol', 'menu', 'table']],
  [['dt', 'dd'], ['dl', 'table']],
  [['td', 'th'], ['tr', 'table']],
  [['tr'], ['table']],
  [['thead', 'tbody', 'tfoot'], ['table']],
  [['option', 'optgroup'], ['select', 'datalist']],
  [['rb', 'rt', 'rtc', 'rp'], ['ruby']],
] as const) {
  for (const name of names) GROUPS[name] = { closes: new Set(names), stopAt: new Set(stopAt) };
}
const P_ONLY = new Set(['p']);
/**
 * How far down the stack a search for an open element looks. A constant keeps the scan linear
 * even when the depth limit is raised far; an element opened deeper than this is treated as
 * still open, which can only overstate the depth of a page already nested this deep.
 */
const SEARCH_WINDOW = 1024;
const P_SCOPE = new Set(['html', 'table', 'td', 'th', 'caption', 'button', 'object', 'marquee', 'applet', 'template']);

function isNameChar(code: number): boolean {
  // Anything but whitespace, '/', '>' and end of input continues a tag or attribute name.
  return code !== 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13 && code !== 47 && code !== 62 && !Number.isNaN(code);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

/**
 * Counts what the parser would build, in one pass over the source: elements, attributes and
 * an estimate of the nesting depth that follows the parser's rules for void elements, raw
 * text, optional end tags and self-closing tags in SVG/MathML. Returns the first limit the
 * page is over, or null. Work per tag is bounded by the depth limit, so the scan is linear.
 */
export function prescanHtml(html: string, limits: HtmlLimits): LimitName | null {
  const stack: string[] = [];
  let foreign = 0;
  let elements = 0;
  let attributes = 0;
  // pop(), not `length = index`: shrinking an array's length can copy it (quadratic here).
  // How many of each name are open: most searches are skipped without looking at the stack.
  const openCount = new Map<string, number>();
  const popTo = (index: number) => {
    while (stack.length > index) {
      const open = stack.pop() as string;
      openCount.set(open, (openCount.get(open) ?? 1) - 1);
      if (open === 'svg' || open === 'math') foreign -= 1;
    }
  };
  const closeGroup = (closes: Set<string>, stopAt: Set<string>) => {
    let anyOpen = false;
    for (const name of closes) if ((openCount.get(name) ?? 0) > 0) anyOpen = true;
    if (!anyOpen) return;
    for (let at = stack.length - 1; at >= Math.max(0, stack.length - SEARCH_WINDOW); at -= 1) {
      const open = stack[at] as string;
      if (closes.has(open)) return popTo(at);
      if (stopAt.has(open)) return;
    }
  };
  const length = html.length;
  let i = 0;
  while (i < length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    if (next === 33 || next === 63) {
      // <!doctype>, <![CDATA[ or <?xml: a bogus comment up to the next '>'.
      const end = html.indexOf('>', lt + 2);
      if (end === -1) break;
      i = end + 1;
      continue;
    }
    const closing = next === 47;
    let at = closing ? lt + 2 : lt + 1;
    const first = html.charCodeAt(at) | 0x20;
    if (first < 97 || first > 122) {
      i = lt + 1;
      continue;
    }
    const nameStart = at;
    while (at < length && isNameChar(html.charCodeAt(at))) at += 1;
    const name = html.slice(nameStart, at).toLowerCase();
    // Attributes: names, optional '=' and a quoted or bare value, up to '>'.
    let count = 0;
    let selfClosing = false;
    while (at < length) {
      const code = html.charCodeAt(at);
      if (code === 62) break;
      if (isSpace(code)) {
        at += 1;
        continue;
      }
      if (code === 47) {
        selfClosing = html.charCodeAt(at + 1) === 62;
        at += 1;
        continue;
      }
      count += 1;
      if (count > limits.maxAttributesPerElement) return 'maxAttributesPerElement';
      at += 1;
      while (at < length && isNameChar(html.charCodeAt(at)) && html.charCodeAt(at) !== 61) at += 1;
      while (at < length && isSpace(html.charCodeAt(at))) at += 1;
      if (html.charCodeAt(at) !== 61) continue;
      at += 1;
      while (at < length && isSpace(html.charCodeAt(at))) at += 1;
      const quote = html.charCodeAt(at);
      if (quote === 34 || quote === 39) {
        const end = html.indexOf(quote === 34 ? '"' : "'", at + 1);
        at = end === -1 ? length : end + 1;
      } else {
        while (at < length && !isSpace(html.charCodeAt(at)) && html.charCodeAt(at) !== 62) at += 1;
      }
    }
    i = at + 1;
    if (closing) {
      if ((openCount.get(name) ?? 0) === 0) continue;
      for (let open = stack.length - 1; open >= Math.max(0, stack.length - SEARCH_WINDOW); open -= 1) {
        if (stack[open] === name) {
          popTo(open);
          break;
        }
      }
      continue;
    }
    elements += 1;
    attributes += count;
    if (elements > limits.maxElements) return 'maxElements';
    if (count > limits.maxAttributesPerElement) return 'maxAttributesPerElement';
    if (attributes > limits.maxAttributes) return 'maxAttributes';
    if (foreign === 0) {
      const group = GROUPS[name];
      if (group) closeGroup(group.closes, group.stopAt);
      if (CLOSES_P.has(name)) closeGroup(P_ONLY, P_SCOPE);
    }
    if (name === 'plaintext') break;
    if (RAW_TEXT.has(name) && !selfClosing && foreign === 0) {
      const end = new RegExp(`</${name}[\\s/>]`, 'ig');
      end.lastIndex = i;
      const found = end.exec(html);
      i = found ? found.index : length;
      continue;
    }
    if ((foreign === 0 && VOID.has(name)) || (foreign > 0 && selfClosing)) continue;
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (name === 'svg' || name === 'math') foreign += 1;
    if (stack.length > limits.maxDepth) return 'maxDepth';
  }
  return null;
}

/**
 * The same limits over the tree the parser built (what it really nested, whatever the source
 * suggested), iteratively. Returns the first limit the tree is over, or null.
 */
export function measureTree(root: AnyNode, limits: HtmlLimits): LimitName | null {
  // The document root and the <html> and <body> the parser always adds are not counted.
  const stack: Array<{ node: AnyNode; depth: number }> = [{ node: root, depth: -3 }];
  let elements = 0;
  let attributes = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: AnyNode; depth: number };
    if (depth > limits.maxDepth) return 'maxDepth';
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      elements += 1;
      const count = Object.keys(node.attribs).length;
      attributes += count;
      if (elements > limits.maxElements) return 'maxElements';
      if (count > limits.maxAttributesPerElement) return 'maxAttributesPerElement';
      if (attributes > limits.maxAttributes) return 'maxAttributes';
    }
    if ('children' in node) for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
  return null;
}
