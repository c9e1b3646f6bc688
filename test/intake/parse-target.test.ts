import { describe, expect, it } from 'vitest';
import { errorExitCode } from '../../src/cli/error-line.js';
import { UsageError } from '../../src/errors.js';
import { parseTarget } from '../../src/intake/index.js';

describe('parseTarget', () => {
  it.each([
    ['https://aider.chat/', 'https://aider.chat/'],
    ['http://example.com/path?q=1#x', 'http://example.com/path?q=1#x'],
    ['HTTPS://Example.COM', 'https://example.com/'],
    ['  https://example.com/  ', 'https://example.com/'],
    // The WHATWG parser is lenient with special schemes: one slash still names a host.
    ['http:/example.com', 'http://example.com/'],
    ['http://[::1]:8080/', 'http://[::1]:8080/'],
  ])('%s is a URL', (target, href) => {
    const parsed = parseTarget(target);
    expect(parsed).toEqual({ kind: 'url', url: new URL(href) });
  });

  it.each([
    './page.html',
    '../x.md',
    '/abs/path/page.htm',
    'README.md',
    'notes.mdx',
    'profile.json',
    'fixtures/pages/aider/README.md',
    'README',
    'C:\\pages\\tool.html',
    'my page.html',
  ])('%s is a file', (target) => {
    expect(parseTarget(target)).toEqual({ kind: 'file', path: target });
  });

  it.each([
    ['ftp://example.com/file', /unsupported URL scheme "ftp:".*only http and https URLs are supported/],
    ['file:///etc/passwd', /unsupported URL scheme "file:"/],
    ['javascript:alert(1)', /unsupported URL scheme "javascript:"/],
    ['data:text/html,<h1>x</h1>', /unsupported URL scheme "data:"/],
    ['htp:/x', /unsupported URL scheme "htp:"/],
    ['http://', /malformed URL "http:\/\/"/],
    ['https://exa mple.com/', /malformed URL/],
    ['http://exa%mple.com', /malformed URL/],
    ['localhost:3000', /did you mean http:\/\/localhost:3000\?/],
    ['example.com', /did you mean https:\/\/example\.com\?/],
    ['//example.com/x', /did you mean https:\/\/example\.com\/x\?/],
    ['not a url with spaces', /neither an http\(s\) URL nor a file path/],
    ['', /no target given/],
  ])('%s is a UsageError', (target, message) => {
    expect(() => parseTarget(target)).toThrow(UsageError);
    expect(() => parseTarget(target)).toThrow(message);
  });

  it('gives usage errors exit code 2', () => {
    try {
      parseTarget('ftp://x');
      expect.unreachable();
    } catch (error) {
      expect(errorExitCode(error)).toBe(2);
    }
  });
});
