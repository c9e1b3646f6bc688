/**
 * Bytes → text and content-type → what kind of document it is. Pure functions: safe-fetch
 * hands over raw bytes and headers, files.ts hands over bytes and an extension.
 */

/** The media type and charset parameter of a content-type header, lower-cased. */
export function parseContentType(header: string): { mediaType: string; charset: string | null } {
  const [type = '', ...parameters] = header.split(';');
  let charset: string | null = null;
  for (const parameter of parameters) {
    const [key, value] = parameter.split('=');
    if (key?.trim().toLowerCase() === 'charset' && value) charset = value.trim().replace(/^["']|["']$/g, '').toLowerCase();
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

/**
 * The charset an HTML document declares in its first bytes (`<meta charset>` or the
 * http-equiv form), the way browsers prescan: read as latin1 so any byte maps to one char.
 */
export function sniffHtmlCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return direct?.[1]?.toLowerCase() ?? null;
}

/**
 * Decodes with the first charset that TextDecoder knows: the given ones in order, then UTF-8.
 * A byte-order mark wins over everything, as in browsers.
 */
export function decodeText(bytes: Buffer, ...charsets: Array<string | null | undefined>): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  for (const charset of charsets) {
    if (!charset) continue;
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(charset);
    } catch {
      continue; // unknown label: try the next candidate
    }
    // Labels map the WHATWG way: latin1, iso-8859-1 and ascii all mean windows-1252.
    return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  }
  return new TextDecoder('utf-8').decode(bytes);
}

// WHATWG index-windows-1252 for 0x80–0x9F (the rest of the range is identical to latin1).
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Node 20.18.3+ decodes windows-1252 as plain latin1, turning € and curly quotes into C1
 * control characters (nodejs/node#60888); a single-byte table is simple enough to own.
 */
function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80] ?? char);
}

/** What a response or file holds, decided from its media type (and a peek when there is none). */
export type BodyKind =
  | { kind: 'html' | 'markdown' | 'text' | 'json' }
  | { kind: 'refused'; what: string };

export function classifyBody(mediaType: string, bytes: Buffer, urlPath: string): BodyKind {
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return { kind: 'html' };
  if (mediaType === 'text/markdown' || mediaType === 'text/x-markdown') return { kind: 'markdown' };
  if (mediaType === 'text/plain') {
    // raw.githubusercontent.com and friends serve READMEs as text/plain.
    return { kind: /\.(md|mdx|markdown)$/i.test(urlPath) ? 'markdown' : 'text' };
  }
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return { kind: 'json' };
  if (mediaType === 'application/pdf') return { kind: 'refused', what: `a PDF (${mediaType})` };
  if (mediaType.startsWith('image/')) return { kind: 'refused', what: `an image (${mediaType})` };
  if (mediaType.startsWith('video/')) return { kind: 'refused', what: `a video (${mediaType})` };
  if (mediaType.startsWith('audio/')) return { kind: 'refused', what: `an audio file (${mediaType})` };
  if (mediaType === 'application/octet-stream') return { kind: 'refused', what: `a binary file (${mediaType})` };
  if (mediaType === '') return sniff(bytes);
  return { kind: 'refused', what: `${mediaType} content` };
}

/** No content-type at all: look at the first bytes, never guess "binary is HTML". */
function sniff(bytes: Buffer): BodyKind {
  const head = bytes.subarray(0, 512).toString('latin1').trimStart();
  if (head.startsWith('%PDF-')) return { kind: 'refused', what: 'a PDF (no content-type)' };
  if (/^(<!doctype html|<html|<head|<body)/i.test(head)) return { kind: 'html' };
  if (head.startsWith('{')) return { kind: 'json' };
  if (bytes.subarray(0, 512).includes(0)) return { kind: 'refused', what: 'a binary file (no content-type)' };
  return { kind: 'text' };
}

/** How much of a body is looked at to tell text from binary. */
const BINARY_SAMPLE_CHARS = 65_536;
/** A share of undecodable or control characters above this is not text in any charset we read. */
const BINARY_SHARE = 0.1;

/**
 * Whether decoded text is really binary (an archive, an executable, random bytes) served or
 * saved as a page: any NUL character, or more than a tenth of undecodable (U+FFFD) or control
 * characters. Decoded first, so a UTF-16 page (NULs in its bytes) is text.
 */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, BINARY_SAMPLE_CHARS);
  if (sample.includes('\u0000')) return true;
  const bad = sample.match(/[\uFFFD\u0001-\u0008\u000B\u000E-\u001F\u007F]/g)?.length ?? 0;
  return sample.length > 0 && bad / sample.length > BINARY_SHARE;
}
