// The officer's free-text note on a task (what they found, whom they spoke to): kept in the task's history through
// POST /api/tasks/{id}/notes, sent through the outbox like every action. Offered only when the server's
// allowedActions has "note"; the text typed so far survives the card being rebuilt.

import { t } from './i18n.js';
import { h } from './ui.js';

export const MAX_NOTE = 500;

/**
 * @param {Map} drafts taskId → text typed so far
 * @param {(text: string) => void} save queues the note
 */
export function noteForm(task, drafts, save) {
  if (!(task.allowedActions || []).includes('note') || task.pending) return null;
  const text = drafts.get(task.taskId) ?? '';
  const count = h('span', { class: 'note-count', i18n: 'note.count', i18nArgs: { n: text.length, max: MAX_NOTE } });
  const button = h('button', {
    type: 'button', class: 'act note-save', 'data-action': 'notes', i18n: 'note.save', disabled: !text.trim(),
    'data-focus-key': `note-save:${task.taskId}`,
    onclick: () => {
      const value = (drafts.get(task.taskId) ?? '').trim();
      if (!value) return;
      drafts.delete(task.taskId);
      save(value);
    },
  });
  return h('section', { class: 'note' },
    h('label', {},
      h('span', { class: 'note-title', i18n: 'note.title' }),
      h('textarea', {
        rows: '3', maxlength: String(MAX_NOTE), i18nAttr: 'placeholder:note.placeholder',
        'data-focus-key': `note:${task.taskId}`,
        // Only the counter and the button follow the typing: re-rendering would replace the field under the thumb.
        oninput: (e) => {
          drafts.set(task.taskId, e.target.value);
          const args = { n: e.target.value.length, max: MAX_NOTE };
          count.dataset.i18nArgs = JSON.stringify(args);
          count.textContent = t('note.count', args);
          button.disabled = !e.target.value.trim();
        },
      }, text)),
    h('div', { class: 'note-foot' }, count, button));
}
