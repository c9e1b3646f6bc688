import { describe, expect, it } from 'vitest';
import { decodeText, parseContentType, sniffHtmlCharset } from '../../src/intake/decode.js';
import { applyTextBudget, TEXT_BUDGET, tidyText } from '../../src/intake/text-budget.js';

describe('applyTextBudget', () => {
  it('leaves text under the budget alone', () => {
    expect(applyTextBudget('short text')).toEqual({ text: 'short text', truncated: false });
  });

  it('cuts at ~24,000 characters on a paragraph boundary', () => {
    const paragraph = 'A sentence of filler text. '.repeat(40).trim();
    const text = Array.from({ length: 40 }, (_, index) => `${index} ${paragraph}`).join('\n\n');
    const cut = applyTextBudget(text);
    expect(cut.truncated).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(TEXT_BUDGET);
    expect(cut.text.length).toBeGreaterThan(TEXT_BUDGET - paragraph.length - 10);
    expect(text.startsWith(cut.text)).toBe(true);
    expect(text.slice(cut.text.length).startsWith('\n\n')).toBe(true);
  });

  it('falls back to a sentence end, then a hard cut, when there is no paragraph break', () => {
    const sentences = applyTextBudget('Word word word. '.repeat(3000), 1000);
    expect(sentences.text.endsWith('.')).toBe(true);
    expect(sentences.text.length).toBeLessThanOrEqual(1000);
    expect(applyTextBudget('x'.repeat(5000), 1000)).toEqual({ text: 'x'.repeat(1000), truncated: true });
  });
});

describe('tidyText', () => {
  it('collapses blank-line runs and trailing spaces', () => {
    expect(tidyText('\n\na  \n\n\n\nb\t\n')).toBe('a\n\nb');
  });
});

describe('decoding', () => {
  it('parses content-type parameters', () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-1"')).toEqual({ mediaType: 'text/html', charset: 'iso-8859-1' });
    expect(parseContentType('')).toEqual({ mediaType: '', charset: null });
  });

  it('finds <meta charset> and the http-equiv form', () => {
    expect(sniffHtmlCharset(Buffer.from('<meta charset="Shift_JIS">'))).toBe('shift_jis');
    expect(sniffHtmlCharset(Buffer.from('<meta http-equiv="content-type" content="text/html; charset=windows-1252">'))).toBe('windows-1252');
    expect(sniffHtmlCharset(Buffer.from('<p>no meta</p>'))).toBeNull();
  });

  it('decodes windows-1252 punctuation correctly (Node 20 decodes it as latin1)', () => {
    expect(decodeText(Buffer.from([0x80, 0x20, 0x93, 0x41, 0x94, 0x20, 0x85, 0xe9]), 'latin1')).toBe('€ “A” …é');
  });

  it('lets a byte-order mark win and falls back to UTF-8 for unknown labels', () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0xc3, 0xa9]), 'latin1')).toBe('é');
    expect(decodeText(Buffer.from('é'), 'no-such-charset')).toBe('é');
  });
});
