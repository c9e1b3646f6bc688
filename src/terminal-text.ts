/**
 * Untrusted text (page text, model answers, editor input) made safe for a terminal. Every
 * command that prints such text goes through here: an escape sequence in a quote could set the
 * window title, clear the screen or draw a fake "Panel: Ship" line over the real one.
 */

// ESC-introduced sequences first, so their parameters go with them: CSI (`ESC [ … final`),
// OSC/DCS/SOS/PM/APC strings (ending in BEL or ST), then any other two-byte escape.
const ESCAPE_SEQUENCES =
  /\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;
// C0 and C1 controls and DEL (newline and tab handled by the callers), bidi overrides and
// isolates (they reorder what is shown), and the line/paragraph separators.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** One line: escape sequences removed, every control (newlines and tabs too) a space. */
export function terminalLine(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(/[\n\t\r]/g, ' ').replace(CONTROLS, ' ');
}

/** Several lines: like `terminalLine`, but newlines stay (a wrapped block, a page list). */
export function terminalBlock(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCES, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, ' ');
}

/** Longest run of characters without a space kept whole in a message; longer runs are cut. */
const MAX_TOKEN_CHARS = 120;
/** Longest message line. */
const MAX_LINE_CHARS = 600;

/**
 * Input echoed in a message, cut to a readable size: a 100 KB URL shows its start and its
 * length, not all of itself. Applied to whole lines, so the hint at the end survives.
 */
export function truncateEchoes(text: string): string {
  const shortTokens = text.replace(new RegExp(`\\S{${MAX_TOKEN_CHARS + 1},}`, 'g'), (token) => {
    // Closing quotes and punctuation stay: `"…":` still reads as a quoted value.
    const tail = /["')\]:;,.]*$/.exec(token)?.[0] ?? '';
    return `${token.slice(0, MAX_TOKEN_CHARS - 20)}…(${token.length - tail.length} characters)${tail}`;
  });
  if (shortTokens.length <= MAX_LINE_CHARS) return shortTokens;
  const keep = Math.floor((MAX_LINE_CHARS - 30) / 2);
  return `${shortTokens.slice(0, keep)} …(${shortTokens.length - 2 * keep} characters cut)… ${shortTokens.slice(-keep)}`;
}

/** A user's value quoted in a message: one line, at most `max` characters. */
export function quoteInput(value: string, max = 80): string {
  const line = terminalLine(value);
  return `"${line.length > max ? `${line.slice(0, max - 1)}…` : line}"`;
}
