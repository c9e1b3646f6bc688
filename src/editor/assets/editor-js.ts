/**
 * The page's only script, served from /assets/editor.js and loaded with the CSP nonce. It only
 * enhances: the verdict a score implies, shown while typing, and no double submits. Every
 * form works without it.
 */
export const EDITOR_JS = `(() => {
  'use strict';
  for (const form of document.querySelectorAll('form.edit-form')) {
    const threshold = Number(form.dataset.threshold);
    const score = form.querySelector('input[name="score"]');
    const verdict = form.querySelector('select[name="verdict"]');
    const preview = form.querySelector('.verdict-preview');
    if (!score || !verdict || !preview) continue;
    const update = () => {
      const value = score.value.trim() === '' ? NaN : Number(score.value);
      preview.classList.remove('warn');
      if (!Number.isInteger(value) || value < 0 || value > 100) { preview.textContent = ''; return; }
      const follows = value >= threshold ? 'ship' : 'skip';
      if (verdict.value !== '' && verdict.value !== follows) {
        preview.textContent = value + ' is a ' + follows + ' score: "' + verdict.value + '" would be refused.';
        preview.classList.add('warn');
      } else if (form.dataset.verdict && form.dataset.verdict !== follows) {
        // Only a preview: the server asks (and refuses to save) all the same (issue 13).
        preview.textContent = 'This turns ' + form.dataset.verdict + ' into ' + follows + ': rewrite the quote for it, or confirm keeping it on the next step.';
        preview.classList.add('warn');
      } else {
        preview.textContent = 'This saves as ' + value + ' · ' + follows + '.';
      }
    };
    score.addEventListener('input', update);
    verdict.addEventListener('change', update);
    update();
  }
  for (const form of document.querySelectorAll('form[method="post"]')) {
    form.addEventListener('submit', () => {
      const button = form.querySelector('button[type="submit"]');
      if (!button) return;
      // After the submission has been taken, so the button's state cannot change what is sent.
      setTimeout(() => {
        button.disabled = true;
        if (button.dataset.busy) button.textContent = button.dataset.busy;
      }, 0);
    });
  }
})();
`;
