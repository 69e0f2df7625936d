// The follow-up visits (回访): resolved tasks whose person is visited again FollowUp:After later. Field officers see
// their post's on the phone and record them through the console's outbox; the board lists its area's. Due and overdue
// are computed here from followUpDueAt, the server's grace and this device's clock, so nothing waits for a push.

import { api } from './api.js';
import { problemText } from './codes.js';
import { formatMoney, formatTime } from './i18n.js';
import { isMasked } from './tasks.js';
import { data, h, notify } from './ui.js';

export const FOLLOW_UP_RESULTS = ['Safe', 'Defrauded', 'Unreachable'];
const REFRESH_MS = 60_000;
const PAGE = '/api/follow-ups?state=all&pageSize=100';

/** upcoming, due (its time reached) or overdue (more than the grace past it), by this device's clock. */
export function followUpState(task, graceMs, now = Date.now()) {
  const due = Date.parse(task.followUpDueAt);
  return now < due ? 'upcoming' : now - due > graceMs ? 'overdue' : 'due';
}

const pendingFollowUp = (task) => Boolean(task.followUpDueAt) && !task.followUp;
const bySoonest = (a, b) => Date.parse(a.followUpDueAt) - Date.parse(b.followUpDueAt);

function stateBadge(task, graceMs, now) {
  const s = followUpState(task, graceMs, now);
  return h('span', { class: `badge fu-state fu-${s}`, 'data-follow-up-state': s, i18n: `followUp.state.${s}` });
}

/** Updates every due/overdue mark under root to the clock, without re-rendering (an input keeps its focus). */
function retick(root, graceMs) {
  const now = Date.now();
  for (const el of root.querySelectorAll('[data-follow-up-due]')) {
    const s = followUpState({ followUpDueAt: el.dataset.followUpDue }, graceMs, now);
    if (el.dataset.followUp === s) continue;
    el.dataset.followUp = s;
    const badge = el.querySelector('.fu-state');
    if (badge) badge.replaceWith(stateBadge({ followUpDueAt: el.dataset.followUpDue }, graceMs, now));
  }
}

/**
 * The phone's "待回访 / Follow-ups" list of the officer's post: due first, overdue marked, the three results as big
 * buttons for exactly what allowedActions allows; Defrauded asks for the amount lost. Actions go through the outbox.
 */
export function createConsoleFollowUps(section, { outbox }) {
  const list = section.querySelector('ol');
  const count = section.querySelector('.count');
  const st = { items: [], graceMs: 24 * 3600_000, chosen: new Map(), amount: new Map(), note: new Map() };

  async function load() {
    try {
      const page = await api('GET', PAGE);
      const key = page.items.map((x) => `${x.taskId}:${x.version}`).join();
      st.items = page.items;
      st.graceMs = page.graceSeconds * 1000;
      // Nothing new: keep the cards (and the officer's typing and focus) as they are.
      if (key === st.key) return;
      st.key = key;
    } catch (e) {
      console.warn('console: follow-ups failed', e);
    }
    render();
  }

  function render() {
    const now = Date.now();
    const items = st.items.filter(pendingFollowUp).sort(bySoonest);
    section.hidden = items.length === 0;
    count.textContent = items.length ? `(${items.length})` : '';
    list.replaceChildren(...items.map((task) => card(task, now)));
  }

  function card(task, now) {
    const s = task.subject || {};
    const pending = outbox.pendingFor(task.taskId).length > 0;
    const allowed = !pending && (task.allowedActions || []).includes('followUp');
    return h('li', {
      class: 'card follow-up', 'data-task-id': task.taskId, 'data-instruction-id': task.instructionId,
      'data-follow-up': followUpState(task, st.graceMs, now), 'data-follow-up-due': task.followUpDueAt,
    },
    h('div', { class: 'fu-head' },
      stateBadge(task, st.graceMs, now),
      h('span', { class: 'fu-when' }, h('span', { i18n: 'followUp.dueAt' }), ' ',
        data(formatTime(task.followUpDueAt), 'mono')),
      pending && h('span', { class: 'badge queued', i18n: 'badge.queued' })),
    h('div', { class: 'line2' }, data(task.instructionId, 'mono'), h('span', { i18n: `outcome.${task.outcome}` }),
      task.amount != null && data(formatMoney(task.amount), 'amount')),
    h('div', { class: 'person' },
      h('div', { class: 'who' }, data(s.name || '—', 'name')),
      s.address && h('p', { class: 'address' }, data(s.address)),
      s.phone && (isMasked(s.phone)
        ? data(s.phone, 'masked')
        : h('a', { class: 'call-link', href: `tel:${s.phone}` }, h('span', { i18n: 'console.call' }), ' ',
          data(s.phone, 'mono')))),
    allowed && form(task));
  }

  /** Two steps, as for an outcome: pick the result (and the amount lost), then record it. */
  function form(task) {
    const id = task.taskId;
    const chosen = st.chosen.get(id);
    const needsAmount = chosen === 'Defrauded';
    const amountText = st.amount.get(id) ?? '';
    const amountOk = amountText !== '' && Number(amountText) >= 0;
    const record = h('button', {
      type: 'button', class: 'act primary', 'data-action': 'follow-up', i18n: 'followUp.record',
      disabled: !chosen || (needsAmount && !amountOk),
      onclick: () => {
        const body = { result: chosen };
        if (needsAmount) body.amountLost = Number(st.amount.get(id));
        const note = (st.note.get(id) ?? '').trim();
        if (note) body.note = note;
        outbox.add(id, 'follow-up', body);
        st.chosen.delete(id); st.amount.delete(id); st.note.delete(id);
        render();
      },
    });
    return h('fieldset', { class: 'group fu-results' }, h('legend', { i18n: 'followUp.result' }),
      FOLLOW_UP_RESULTS.map((r) => h('button', {
        type: 'button', class: `choice fu-${r} ${r === chosen ? 'chosen' : ''}`, 'data-result': r,
        'aria-pressed': String(r === chosen), i18n: `followUp.result.${r}`,
        onclick: () => { st.chosen.set(id, r === chosen ? undefined : r); render(); },
      })),
      needsAmount && h('label', { class: 'amount' }, h('span', { i18n: 'console.amountLost' }),
        h('input', {
          type: 'number', inputmode: 'decimal', min: '0', step: '0.01', value: amountText, name: 'amountLost',
          oninput: (e) => {
            st.amount.set(id, e.target.value);
            record.disabled = !(e.target.value !== '' && Number(e.target.value) >= 0);
          },
        })),
      h('label', { class: 'note' }, h('span', { i18n: 'followUp.note' }),
        h('textarea', {
          name: 'note', rows: 2, maxlength: 500, oninput: (e) => st.note.set(id, e.target.value),
        }, st.note.get(id) ?? '')),
      record);
  }

  /** The server's answer to a queued follow-up: recorded, so it leaves the list. */
  function sent(item, snapshot) {
    st.items = st.items.map((x) => (x.taskId === item.taskId ? snapshot : x));
    notify('followUp.recorded', { id: snapshot.instructionId }, 'info');
    render();
  }

  function refused(item, err) {
    notify('error.refused', { id: item.taskId }, 'error', 12000, problemText(err));
    st.key = null; // the card waited for this answer: show it again whatever the list says
    load();
  }

  setInterval(load, REFRESH_MS);
  setInterval(() => retick(list, st.graceMs), 1000);
  return { load, render, sent, refused };
}

/**
 * The board's follow-up card: the area's pending visits, soonest first, with due and (loud) overdue marks. The list
 * is read from the server now and then and kept live by the pushes of the tasks it shows (through the board's store).
 */
export function createBoardFollowUps(section, { store, label, onOpen, onLoaded }) {
  const list = section.querySelector('ol');
  const st = { graceMs: 24 * 3600_000 };

  async function load() {
    try {
      const page = await api('GET', PAGE);
      st.graceMs = page.graceSeconds * 1000;
      for (const task of page.items) store.changed(task);
      onLoaded();
    } catch (e) {
      console.warn('board: follow-ups failed', e);
    }
  }

  function render() {
    const now = Date.now();
    const items = store.all().filter(pendingFollowUp).sort(bySoonest);
    const states = items.map((task) => followUpState(task, st.graceMs, now));
    const n = (s) => states.filter((x) => x === s).length;
    section.querySelector('.fu-counts').replaceChildren(
      h('span', { class: 'badge fu-state fu-due', 'data-count': 'due', i18n: 'followUp.dueCount',
        i18nArgs: { n: n('due') } }),
      h('span', { class: `badge fu-state fu-overdue ${n('overdue') ? 'hot' : ''}`, 'data-count': 'overdue',
        i18n: 'followUp.overdueCount', i18nArgs: { n: n('overdue') } }));
    section.querySelector('.fu-empty').hidden = items.length > 0;
    list.replaceChildren(...items.map((task, i) => h('li', {
      class: `fu-row fu-${states[i]}`, tabindex: 0, 'data-task-id': task.taskId,
      'data-instruction-id': task.instructionId,
      'data-follow-up': states[i], 'data-follow-up-due': task.followUpDueAt,
      onclick: () => onOpen(task.taskId),
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onOpen(task.taskId); } },
    },
    stateBadge(task, st.graceMs, now),
    data(task.instructionId, 'mono'),
    data(label(task.postId)),
    h('small', {}, h('span', { i18n: 'followUp.dueAt' }), ' ', data(formatTime(task.followUpDueAt), 'mono')))));
  }

  setInterval(load, REFRESH_MS);
  // A visit falling due or overdue changes the counts: re-render when a mark moves.
  setInterval(() => {
    const now = Date.now();
    const moved = [...list.querySelectorAll('[data-follow-up-due]')]
      .some((el) => followUpState({ followUpDueAt: el.dataset.followUpDue }, st.graceMs, now) !== el.dataset.followUp);
    if (moved) render();
  }, 1000);
  return { load, render };
}

/** The board detail's follow-up form for a duty officer: a result, the amount lost for Defrauded, a note. */
export function followUpForm(record) {
  const amount = h('input', {
    type: 'number', inputmode: 'decimal', min: '0', step: '0.01', id: 'follow-up-amount', hidden: true,
    i18nAttr: 'aria-label:console.amountLost;placeholder:console.amountLost',
  });
  const choice = h('select', {
    id: 'follow-up-result', i18nAttr: 'aria-label:followUp.result',
    onchange: () => { amount.hidden = choice.value !== 'Defrauded'; },
  }, FOLLOW_UP_RESULTS.map((r) => h('option', { value: r, i18n: `followUp.result.${r}` })));
  const note = h('input', {
    id: 'follow-up-note', maxlength: 500, i18nAttr: 'aria-label:followUp.note;placeholder:followUp.note',
  });
  const send = (e) => {
    const body = { result: choice.value };
    if (choice.value === 'Defrauded') body.amountLost = Number(amount.value);
    if (note.value.trim()) body.note = note.value.trim();
    record(e.currentTarget, body);
  };
  return h('div', { class: 'follow-up row' }, h('span', { class: 'muted small', i18n: 'followUp.result' }),
    choice, amount, note,
    h('button', { type: 'button', 'data-action': 'follow-up', i18n: 'followUp.record', onclick: send }));
}
