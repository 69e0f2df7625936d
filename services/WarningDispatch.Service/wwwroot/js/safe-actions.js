// Safe actions on the phone: a resolving action (the call result "reached and dissuaded", every outcome) is held for a
// few seconds with a big undo before it goes to the outbox; every action the server accepted (or the outbox queued)
// is confirmed; every refusal stays listed with the server's reason and who changed the task last.

import { problemText } from './codes.js';
import { formatTime } from './i18n.js';
import { data, h, notify } from './ui.js';

export const HOLD_MS = 5000;

/** Whether an action ends the task: those wait for the hold; the server's ladder still decides if it is allowed. */
export const resolves = (action, body) =>
  action === 'outcome' || (action === 'call-result' && body?.result === 'ReachedAndDissuaded');

/** What the officer did, in the page's language: the same words as the button they tapped. */
export function actionLabel(action, body = {}) {
  const key = {
    acknowledge: 'action.acknowledge', arrive: 'action.arrive', 'call-result': `call.${body.result}`,
    outcome: `outcome.${body.outcome}`, attempts: `attempt.${body.result}`, notes: 'note.action',
  }[action];
  return key ? h('span', { i18n: key }) : data(action);
}

/**
 * Holds a resolving action: nothing is sent until HOLD_MS have passed; undo drops it without a trace.
 * @param {Map} holds taskId → { action, body, until, timer }
 */
export function hold(holds, taskId, action, body, send, changed) {
  cancel(holds, taskId);
  const entry = { action, body, until: Date.now() + HOLD_MS };
  entry.timer = setTimeout(() => {
    if (holds.get(taskId) !== entry) return;
    holds.delete(taskId);
    send();
    changed();
  }, HOLD_MS);
  holds.set(taskId, entry);
  changed();
}

export function cancel(holds, taskId) {
  const entry = holds.get(taskId);
  if (!entry) return false;
  clearTimeout(entry.timer);
  holds.delete(taskId);
  return true;
}

/** The held action on its card: what will be sent, the seconds left, and a big undo under the thumb. */
export function holdPanel(holds, taskId, changed) {
  const entry = holds.get(taskId);
  if (!entry) return null;
  return h('section', { class: 'hold', role: 'alert', 'data-hold-action': entry.action },
    h('p', { class: 'hold-what' }, h('span', { i18n: 'safe.willSend' }), ' ', actionLabel(entry.action, entry.body)),
    h('p', { class: 'hold-left' }, h('span', { class: 'hold-seconds', 'data-hold-until': entry.until, translate: 'no' },
      secondsLeft(entry.until)), h('span', { i18n: 'safe.secondsLeft' })),
    h('button', {
      type: 'button', class: 'act undo', 'data-action': 'undo', i18n: 'safe.undo', 'data-focus-key': `undo:${taskId}`,
      onclick: () => { cancel(holds, taskId); notify('safe.undone', null, 'info', 4000); changed(); },
    }));
}

const secondsLeft = (until) => String(Math.max(0, Math.ceil((until - Date.now()) / 1000)));

/** Keeps the countdowns of held actions current (called by the console's clock tick). */
export function tickHolds() {
  for (const el of document.querySelectorAll('[data-hold-until]')) {
    el.textContent = secondsLeft(Number(el.dataset.holdUntil));
  }
}

/** "Submitted: reached and dissuaded" once the server has it, or "queued" while the phone cannot reach it. */
export function confirmSent(instructionId, item, queued = false) {
  notify(queued ? 'safe.queued' : 'safe.submitted', { id: instructionId }, queued ? 'queued' : 'ok', 8000,
    [actionLabel(item.action, item.body)]);
}

/**
 * A refusal, kept in the list until dismissed: which task and action, the server's reason in the page's language,
 * and (for a conflict) who changed the task last and when, from its last history entry.
 */
export function showRefusal(list, instructionId, item, error, task = null) {
  const last = error?.status === 409 ? task?.history?.at(-1) : null;
  const entry = h('li', { class: 'refusal', role: 'alert', 'data-instruction-id': instructionId,
    'data-code': error?.problem?.code ?? '', 'data-status': String(error?.status ?? '') },
  h('div', { class: 'refusal-head' },
    h('strong', {}, h('span', { i18n: 'safe.refused' }), ' ', actionLabel(item.action, item.body)),
    h('button', {
      type: 'button', class: 'dismiss', i18nAttr: 'aria-label:console.dismiss;title:console.dismiss',
      onclick: () => { entry.remove(); list.hidden = list.children.length === 0; },
    }, '×')),
  h('div', { class: 'refusal-task' }, data(instructionId, 'mono nowrap')),
  h('div', { class: 'refusal-reason' }, problemText(error)),
  last && h('div', { class: 'refusal-who', 'data-actor': last.actor },
    h('span', { i18n: 'safe.changedBy' }), ' ', data(last.actor, 'mono'), ' ',
    data(formatTime(last.at, true), 'mono')));
  list.append(entry);
  list.hidden = false;
  return entry;
}
