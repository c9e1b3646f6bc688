/**
 * Page text and model-written text reach the models as data, fenced by a tag the system
 * prompts name. The fence only works if the fenced text cannot close it, so any look-alike of
 * the tag inside the text is defused before wrapping.
 */

/** The tag name the system prompts refer to. Changing it means changing prompts/*.md too. */
export const UNTRUSTED_TAG = 'untrusted_data';

// `<` or `&lt;` (how a scraped page may carry it), optional spaces and slash, then "untrusted"
// followed by any separator and "data": covers `</UNTRUSTED_DATA>`, `< / untrusted data`,
// `<untrusted-data`. Only the opening bracket is replaced, so the text stays readable.
const LOOK_ALIKE = /(?:<|&lt;?|\uFF1C)(?=\s*\/?\s*untrusted[\s_-]*data)/gi;

/** Replaces the bracket of anything that looks like our delimiter with `‹`. */
export function neutraliseDelimiters(text: string): string {
  return text.replace(LOOK_ALIKE, '\u2039');
}

/**
 * Wraps text as data: a fixed opening line, the text, a closing line. `label` is ours (a short
 * description such as "page text"); quotes, brackets and line breaks are removed from it so
 * it cannot break the opening line either.
 */
export function delimitUntrusted(label: string, text: string): string {
  const source = label.replace(/["<>\s]+/g, ' ').trim() || 'untrusted';
  const body = neutraliseDelimiters(text).replace(/\s+$/, '');
  return `<${UNTRUSTED_TAG} source="${source}">\n${body}\n</${UNTRUSTED_TAG}>`;
}
