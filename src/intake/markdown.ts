/**
 * Markdown, MDX and plain text (READMEs, docs sources) → what intake knows: a title, a
 * description, the links a review cares about and the text with badges, images, comments and
 * front matter taken out. Code blocks are kept verbatim: for a developer tool they are content.
 */
import { parse as parseYaml } from 'yaml';
import type { Facts } from '../schemas.js';
import { pickLinks, type Anchor } from './links.js';
import { cleanProse, linksToText, MARKDOWN_LINK, stripAdmonitionFences } from './markdown-clean.js';
import type { Extracted } from './source.js';
import { tidyText } from './text-budget.js';

interface Segment {
  code: boolean;
  text: string;
}

function splitFrontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const match = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { data: {}, body: text };
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseYaml(match[1] ?? '');
    if (typeof parsed === 'object' && parsed != null && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    // Front matter that is not valid YAML is still front matter: dropped, not shown as text.
  }
  return { data, body: text.slice(match[0].length) };
}

/** Splits fenced code blocks (``` or ~~~, closed by a fence at least as long) from prose. */
function segments(body: string): Segment[] {
  const result: Segment[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  const push = (code: boolean) => {
    if (current.length) result.push({ code, text: current.join('\n') });
    current = [];
  };
  for (const line of body.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence == null && marker) {
      push(false);
      fence = marker;
      current.push(line);
    } else if (fence != null && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) {
      current.push(line);
      push(true);
      fence = null;
    } else current.push(line);
  }
  push(fence != null);
  return result;
}

/** Markdown inline syntax removed: for a title or description, not for the page text. */
function plain(text: string): string {
  return linksToText(text)
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+?)[*_](?![\w*])/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when links make up most of the text: a row of navigation, not a title or a summary. */
function mostlyLinks(markdown: string): boolean {
  const linkText = [...markdown.matchAll(MARKDOWN_LINK)].reduce((sum, match) => sum + (match[1]?.length ?? 0), 0);
  return linkText > plain(markdown).length / 2;
}

/**
 * The title a README gives itself: its first level-1 heading (`# Title`, a `===` setext
 * underline, or an HTML `<h1>`, which cleanProse has already turned into `# …`). Only an H1
 * that opens the document counts: one that comes after a `##`–`######` section is itself a
 * section (crewAI's README opens with `### Fast and Flexible…` and its first `#` is
 * "CrewAI AMP Suite", a product section), and a section heading is not what the tool is called.
 */
function firstH1(prose: string[]): string | null {
  for (const text of prose) {
    const lines = text.split('\n');
    for (const [index, line] of lines.entries()) {
      const atx = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
      if (atx) {
        const heading = atx[2] ?? '';
        if (atx[1] !== '#') return null;
        if (plain(heading) && !mostlyLinks(heading)) return plain(heading);
        continue;
      }
      // Setext: a line underlined with '=' is an H1. ('---' underlines are left alone: they are rules.)
      if (line.trim() && !isStructural(line) && /^\s{0,3}=+\s*$/.test(lines[index + 1] ?? '')) return plain(line) || null;
    }
  }
  return null;
}

const GENERIC_FILE_NAMES = new Set(['readme', 'index', 'page', 'docs', 'doc', 'intro', 'introduction', 'overview', 'home']);

/**
 * A title from where a document lives, for one that names none: the file name without its
 * extension, or the folder's name when the file is a README or index ("tools/crewai/README.md"
 * gives "crewai"). Null when neither says anything.
 */
export function titleFromLocation(location: string): string | null {
  const parts = location.split(/[\\/]+/).filter((part) => part !== '' && part !== '.' && part !== '..');
  const file = parts.pop()?.replace(/\.(mdx?|markdown|txt|html?)$/i, '') ?? '';
  const name = GENERIC_FILE_NAMES.has(file.toLowerCase()) ? (parts.pop() ?? '') : file;
  const title = name.replace(/[_]+/g, ' ').trim();
  return title === '' || /^[a-z]:$/i.test(title) ? null : title;
}

function isStructural(line: string): boolean {
  return /^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|\||:::|<|---|\*\*\*|___)/.test(line);
}

/**
 * The first paragraph that reads as prose: not a heading, list, table or admonition (a
 * "Security update" notice is not what a tool is), and not mostly links (a nav row).
 */
function firstParagraph(prose: string[]): string | null {
  let inAdmonition = false;
  for (const text of prose) {
    for (const paragraph of text.split(/\n\s*\n/)) {
      const lines = paragraph.split('\n').filter((line) => line.trim() !== '');
      const fences = lines.filter((line) => line.trim().startsWith(':::')).length;
      const skip = inAdmonition || fences > 0;
      if (fences % 2 === 1) inAdmonition = !inAdmonition;
      if (skip || lines.length === 0 || isStructural(lines[0] ?? '')) continue;
      const joined = lines.map((line) => line.replace(/^\s*>\s?/, '')).join(' ');
      const description = plain(joined);
      if (description.split(' ').length < 5 || mostlyLinks(joined)) continue;
      return shorten(description, 600);
    }
  }
  return null;
}

function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const at = text.lastIndexOf('. ', limit);
  return at > limit / 2 ? text.slice(0, at + 1) : `${text.slice(0, limit - 1).trimEnd()}…`;
}

function stringField(data: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' && value.trim()) return value.replace(/\s+/g, ' ').trim();
  }
  return null;
}

/**
 * What a rendered README would not show as text: HTML and MDX comments, image alt text, link
 * and image titles, alt/title/aria-label attributes. Read by the prompt-injection detector only.
 */
function hiddenText(body: string): string {
  const pieces = [
    ...Array.from(body.matchAll(/<!--([\s\S]*?)(?:-->|$)/g), (match) => match[1] ?? ''),
    ...Array.from(body.matchAll(/\{\/\*([\s\S]*?)\*\/\}/g), (match) => match[1] ?? ''),
    ...Array.from(body.matchAll(/!\[([^\]]*)\]/g), (match) => match[1] ?? ''),
    ...Array.from(body.matchAll(/\]\([^()\s]*\s+["']([^"']*)["']\s*\)/g), (match) => match[1] ?? ''),
    ...Array.from(body.matchAll(/\b(?:alt|title|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi), (match) => match[1] ?? match[2] ?? ''),
  ];
  return pieces.join('\n');
}

export interface MarkdownOptions {
  /**
   * The title when the document has no front-matter title and no H1: the file name for a local
   * file (`titleFromLocation`). None for a URL: its path ("…/main/README.md") names no tool, and
   * a GitHub README's fallback is the repository name, which github-map.ts applies itself.
   */
  fallbackTitle?: string | null | undefined;
}

/** `pageUrl` resolves relative links (null for a local file: relative links are skipped). */
export function extractMarkdown(source: string, pageUrl: URL | null, options: MarkdownOptions = {}): Extracted {
  const normalised = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { data, body } = splitFrontMatter(normalised);
  const anchors: Anchor[] = [];
  const parts = segments(body).map((segment) => (segment.code ? segment : { code: false, text: cleanProse(segment.text, anchors) }));
  const prose = parts.filter((segment) => !segment.code).map((segment) => segment.text);

  const title = stringField(data, 'title', 'og:title') ?? firstH1(prose) ?? options.fallbackTitle ?? null;
  const description = stringField(data, 'description', 'og:description') ?? firstParagraph(prose);
  const text = tidyText(
    parts.map((segment) => (segment.code ? segment.text : stripAdmonitionFences(linksToText(segment.text)))).join('\n'),
  );

  const facts: Facts = {};
  const siteName = stringField(data, 'og:site_name', 'site_name');
  if (siteName) facts['page.siteName'] = siteName;
  const links = { ...pickLinks(anchors, pageUrl, `${title ?? ''} ${siteName ?? ''} ${description ?? ''}`) };
  return { title, description, canonical: null, text, links, facts, known: {}, hiddenText: hiddenText(body), raw: source };
}
