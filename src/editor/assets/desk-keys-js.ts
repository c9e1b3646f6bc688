/**
 * The draft page's keyboard shortcuts, appended to /assets/editor.js (so it runs under the
 * same CSP nonce as the rest of the page's one script; no inline handler anywhere):
 * `a` approve, `r` reject, `j` or `n` the next draft. Keys never fire while the editor types
 * in a field. They only press what the page already has: `a` asks for confirmation, then
 * submits the real approve form (CSRF token, revision and any required checkbox included, so
 * the browser's own validation still applies); `r` only moves to the reject reason, and
 * Ctrl/Cmd+Enter there submits the reject form (Escape leaves the field); `j`/`n` follow the Next link.
 */
export const DESK_KEYS_JS = `(() => {
  'use strict';
  const typing = (element) => element instanceof Element && (element.isContentEditable || element.closest('input, textarea, select, [contenteditable]') !== null);
  const target = (name) => document.querySelector('[data-shortcut="' + name + '"]');
  const point = (element) => {
    element.scrollIntoView({ block: 'center' });
    element.focus();
    element.classList.add('shortcut-target');
    element.addEventListener('blur', () => element.classList.remove('shortcut-target'), { once: true });
  };
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    if (typing(event.target) || typing(document.activeElement)) return;
    if (event.key === 'a') {
      const button = target('approve');
      event.preventDefault();
      if (!button || !button.form) {
        // Approve is not offered (incomplete panel, undecided claims): show why.
        const why = document.querySelector('#decision .hint');
        if (why) {
          why.scrollIntoView({ block: 'center' });
          why.classList.add('shortcut-target');
        }
        return;
      }
      point(button);
      const name = (document.querySelector('h1') || {}).textContent || 'this review';
      if (window.confirm('Approve and publish ' + name.trim() + '?')) button.form.requestSubmit(button);
    } else if (event.key === 'r') {
      const reason = target('reject');
      if (!reason) return;
      event.preventDefault();
      point(reason);
    } else if (event.key === 'j' || event.key === 'n') {
      const next = target('next');
      if (!next) return;
      event.preventDefault();
      next.click();
    }
  });
  const reason = target('reject');
  if (reason && reason.form) {
    reason.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        reason.form.requestSubmit();
      } else if (event.key === 'Escape') {
        reason.blur(); // back to the page's keys
      }
    });
  }
})();
`;
