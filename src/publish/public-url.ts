/**
 * What of a review may face the public: its http(s) addresses only. A review made from a local
 * file carries the file's path as its URL (and in `facts['source.file']`); that path says
 * something about the editor's machine and nothing about the tool, so it is never published.
 */

/** The address as an http(s) URL, or null (a file path, `file:`, `javascript:`, not a URL). */
export function publicUrl(url: string | null | undefined): string | null {
  if (url == null || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}

/** A fact value that is a local path or a `file:` URL (`/home/…`, `C:\…`, `~/…`, `./…`). */
function isLocalPath(value: unknown): boolean {
  return typeof value === 'string' && /^(file:|\/|~\/|\.{1,2}[\\/]|[A-Za-z]:[\\/])/.test(value.trim());
}

/** Facts without the ones that name a file on this machine. */
export function publicFacts<T>(facts: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(facts).filter(([name, value]) => !name.startsWith('source.file') && !isLocalPath(value)));
}

/** Links that are public http(s) addresses. */
export function publicLinks(links: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(links).flatMap(([name, url]) => {
    const href = publicUrl(url);
    return href == null ? [] : [[name, href]];
  }));
}
