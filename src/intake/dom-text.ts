/**
 * The text of DOM nodes without recursion: cheerio's `.text()` (domutils `textContent`) recurses
 * once per level and overflows the stack on a deeply nested page, so extraction uses this.
 */
// Type-only: cheerio's node types come from domhandler; nothing of it is loaded at runtime.
import type { AnyNode } from 'domhandler';

/**
 * Every text node under `nodes`, in document order, joined. With `lineBreaks`, a <br> is a
 * newline (inside <pre> or a heading it is a line break, not nothing).
 */
export function textContent(nodes: readonly AnyNode[], lineBreaks = false): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'text') parts.push(node.data);
    else if (lineBreaks && node.type === 'tag' && node.tagName === 'br') parts.push('\n');
    // Comments and directives carry no text; tags, scripts, styles, CDATA and the root do.
    else if (node.type !== 'comment' && node.type !== 'directive' && 'children' in node) {
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as AnyNode);
    }
  }
  return parts.join('');
}
