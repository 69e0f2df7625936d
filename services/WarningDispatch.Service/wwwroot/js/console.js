// The field officer's console, for a phone held in one hand: my tasks, most urgent first, and big buttons for exactly
// the actions the server allows this officer now (the snapshot's allowedActions). Actions go through the outbox, so
// they survive a dead spot; what comes after a queued action is the server's to say, so nothing is guessed here.

import { api } from './api.js';
import { historyLabel, historyText, problemText, updatedMark } from './codes.js';
import { defraudedBadge } from './fraudreports.js';
import { createHub } from './hub.js';
import { createConsoleFollowUps } from './followups.js';
import { formatMoney, formatTime, has, onLanguageChange, t } from './i18n.js';
import { noteForm } from './officer-note.js';
import { Outbox } from './outbox.js';
import { cue, cueDeadlines, showWithdrawn, wireSoundPrompt } from './phone-alerts.js';
import { confirmSent, hold, holdPanel, resolves, showRefusal, tickHolds } from './safe-actions.js';
import { whereabouts } from './whereabouts.js';
import { byUrgency, countdown, isMasked, resolvedAt, TaskStore, visitLevel } from './tasks.js';
import { data, enterPage, h, notify, showConnection } from './ui.js';

const $ = (id) => document.getElementById(id);
const CALL_RESULTS = ['ReachedAndDissuaded', 'Busy', 'NoAnswer', 'Unreachable', 'Refuses', 'StillAtRisk'];
const ATTEMPT_RESULTS = ['Reached', 'Busy', 'NoAnswer', 'PoweredOff', 'InvalidNumber'];
const OUTCOMES = ['Dissuaded', 'FundsProtected', 'AlreadyDefrauded', 'PersonNotFound', 'FalseAlarm'];
const NEEDS_AMOUNT = new Set(['FundsProtected', 'AlreadyDefrauded']);
const FRESH_MS = 8000;


async function start(me) {
  const store = new TaskStore();
  const state = { me, store, expanded: null, userExpanded: false, outcome: new Map(), amount: new Map(),
    fresh: new Map(), historyOpen: new Set() };
  // Issue 13: resolving actions held for undo, note drafts, the map apps the server offers.
  Object.assign(state, { holds: new Map(), notes: new Map(), navigation: ['geo', 'amap', 'baidu'] });
  const wd = { store, state, cues: 0 };
  window.__wd = wd;

  state.outbox = new Outbox(`wd.outbox.${me.officerId}`, {
    onSent: (item, snapshot) => {
      // A follow-up of the post is not one of my tasks: it only leaves the follow-up list.
      if (item.action === 'follow-up') state.followUps.sent(item, snapshot);
      if (item.action !== 'follow-up' || store.get(item.taskId)) store.changed(snapshot);
      // The officer reads that the server has it: a resolved task leaves the list, so say it here.
      if (item.action !== 'follow-up') confirmSent(snapshot?.instructionId ?? item.taskId, item);
      render(state);
    },
    onRefused: (item, err) => {
      if (item.action === 'follow-up') { state.followUps.refused(item, err); return; }
      const task = store.get(item.taskId);
      const id = task?.instructionId ?? item.taskId;
      notify('error.refused', { id }, 'error', 12000, problemText(err));
      // Every refusal stays listed (a second one must not hide the first). Our copy was wrong about the step: read
      // the task again so the buttons match it, and so a conflict can say who changed the task last.
      api('GET', `/api/tasks/${encodeURIComponent(item.taskId)}`)
        .then((x) => { showRefusal($('refusals'), id, item, err, x); store.changed(x); render(state); })
        .catch((e) => {
          showRefusal($('refusals'), id, item, err, null);
          if (e.status !== 403 && e.status !== 404) return;
          store.withdraw({ taskId: item.taskId, version: task?.version ?? 0 });
          render(state);
        });
    },
    onChange: () => render(state),
  });
  wd.outbox = state.outbox;
  state.followUps = createConsoleFollowUps($('follow-ups'), { outbox: state.outbox });
  document.body.hidden = false;

  const reload = async () => {
    try {
      const added = await store.reload(() => api('GET', '/api/tasks?status=recent'));
      const arrived = (added ?? []).filter((id) => store.get(id)?.status !== 'Resolved');
      if (arrived.length) markNew(state, arrived);
      render(state);
      // Tasks that came while the phone was away deserve the same call for attention.
      if (arrived.length) cue('newTask');
    } catch (e) {
      console.warn('console: task list failed', e);
      render(state);
    }
  };

  const hub = createHub({
    onTaskChanged: (snapshot) => {
      const before = visitLevel(store.get(snapshot.taskId) ?? {});
      const isNew = store.changed(snapshot) === 'new' && store.loaded && snapshot.status !== 'Resolved';
      if (isNew) markNew(state, [snapshot.taskId]);
      render(state);
      if (isNew) cue('newTask'); // after the task is on screen: starting audio can take a moment on the first beep
      // The server marks 80 % of the visit window (visitWarnings); the phone calls for attention once as it arrives.
      else if (before < 80 && visitLevel(store.get(snapshot.taskId) ?? {}) >= 80) cue('deadline');
    },
    onTaskWithdrawn: (w) => {
      const task = store.get(w.taskId);
      if (store.withdraw(w) && task) {
        // A lasting banner, not a toast: the phone may be in a pocket when it happens. Whatever was held is dropped.
        state.holds.delete(w.taskId);
        showWithdrawn($('withdrawn'), task.instructionId);
        cue('withdrawn');
      }
      render(state);
    },
    // Back online: send what was queued, then re-read everything we may have missed.
    onConnected: async () => { await state.outbox.flush(); await reload(); await state.followUps.load(); },
    onState: (s) => { showConnection(s); renderQueue(state); },
  });
  wd.hub = hub;

  // Browsers start audio only after a user gesture: a prompt until the first tap anywhere.
  wireSoundPrompt($('sound-enable'));

  onLanguageChange(() => { render(state); state.followUps.render(); });
  setInterval(() => tick(state), 1000);
  // Which map apps to offer is the server's setting (Consoles:NavigationLinks); all three when it cannot be read.
  api('GET', '/api/console/settings')
    .then((s) => { state.navigation = s?.navigationLinks ?? state.navigation; render(state); })
    .catch(() => {});
  await reload();
  await state.followUps.load();
  state.outbox.flush();
  hub.start();
}

/** Highlights new tasks and, unless the officer chose a card, opens the most urgent one (which may be new). */
function markNew(state, taskIds) {
  for (const id of taskIds) state.fresh.set(id, Date.now());
  if (!state.userExpanded) state.expanded = null;
  notify('console.newTask', null, 'alert', 5000);
}

// ---------- what the officer sees: the server's task, and how many of their actions still wait to be sent ----------

function view(state, task) {
  return { ...task, pending: state.outbox.pendingFor(task.taskId).length };
}

// ---------- rendering ----------

function render(state) {
  const now = Date.now();
  const all = state.store.all().map((task) => view(state, task));
  const active = all.filter((x) => x.status !== 'Resolved').sort(byUrgency(now));
  const today = new Date(now).toDateString();
  // Mine only: a colleague's task of my post is readable while its follow-up visit is pending, but not my work.
  const done = all.filter((x) => x.status === 'Resolved' && x.officerId === state.me.officerId
    && new Date(resolvedAt(x) || now).toDateString() === today)
    .sort((a, b) => (resolvedAt(b) || now) - (resolvedAt(a) || now));

  if (!active.some((x) => x.taskId === state.expanded)) {
    state.expanded = active[0]?.taskId ?? null; state.userExpanded = false;
  }
  keepFocus(() => $('my-tasks').replaceChildren(...active.map((task) => card(state, task))));
  $('empty').hidden = active.length > 0;
  $('task-count').textContent = active.length ? `(${active.length})` : '';
  document.title = `${active.length ? `(${active.length}) ` : ''}${t('console.pageTitle')}`;

  $('done').hidden = done.length === 0;
  $('done-count').textContent = `(${done.length})`;
  $('done-tasks').replaceChildren(...done.map((task) => doneCard(task)));
  renderQueue(state);
  tick(state);
}

/** Re-rendering replaces the buttons; keep the keyboard/screen-reader focus on the same control. */
function keepFocus(fn) {
  const a = document.activeElement;
  const key = a?.dataset?.focusKey;
  const typed = a?.tagName === 'INPUT' || a?.tagName === 'TEXTAREA';
  const amount = typed ? { start: a.selectionStart, end: a.selectionEnd } : null;
  fn();
  if (!key) return;
  const again = document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
  if (again) {
    again.focus({ preventScroll: true });
    if (amount && again.setSelectionRange)
      try { again.setSelectionRange(amount.start, amount.end); } catch { /* number inputs */ }
  }
}

function renderQueue(state) {
  const el = $('queue-status');
  const n = state.outbox?.items.length ?? 0;
  el.hidden = n === 0;
  if (n) {
    el.dataset.i18n = 'console.queued';
    el.dataset.i18nArgs = JSON.stringify({ n });
    el.textContent = t('console.queued', { n });
  }
}

const risk = (task) => h('span', { class: `badge risk risk-${task.riskLevel}`, i18n: `risk.${task.riskLevel}` });
const step = (task) => h('span', { class: `step st-${task.status}`, i18n: `status.${task.status}` });
const label = (prefix, value) => (value == null ? null
  : has(`${prefix}.${value}`) ? h('span', { i18n: `${prefix}.${value}` }) : data(value));

function card(state, task) {
  const open = state.expanded === task.taskId;
  const level = visitLevel(task);
  const cls = ['card', `st-${task.status}`, `risk-${task.riskLevel}`, open && 'expanded', task.pending && 'pending',
    state.fresh.has(task.taskId) && 'fresh'];
  return h('li', { class: cls.filter(Boolean).join(' '), 'data-task-id': task.taskId,
    'data-instruction-id': task.instructionId, 'data-status': task.status, 'data-version': task.version },
    h('button', {
      type: 'button', class: 'card-head', 'aria-expanded': String(open), 'data-focus-key': `head:${task.taskId}`,
      onclick: () => { state.expanded = open ? null : task.taskId; state.userExpanded = !open; render(state); },
    },
    h('span', { class: 'line1' }, risk(task), step(task),
      h('span', { class: 'deadline', 'data-deadline': task.deadline || '' },
        h('span', { class: 'clock', translate: 'no' }),
        task.deadlineKind && h('small', { i18n: `deadlineKind.${task.deadlineKind}` }))),
    h('span', { class: 'line2' },
      data(task.instructionId, 'mono'),
      h('span', { i18n: `kind.${task.kind}` }),
      task.context?.amountAtRisk != null && data(formatMoney(task.context.amountAtRisk), 'amount'),
      task.context?.onCallNow && h('span', { class: 'badge oncall', i18n: 'badge.onCall' }),
      defraudedBadge(task),
      updatedMark(task),
      level > 0 && h('span', { class: `badge visit visit-${level}`,
        i18n: level >= 100 ? 'badge.breached' : `badge.visit${level}` }),
      task.pending > 0 && h('span', { class: 'badge queued', i18n: 'badge.queued' })),
    caseLine(task)),
    open ? body(state, task) : null);
}

/** "3 warnings about this person" and from whom, oldest first: the officer calls knowing all of it. */
function caseLine(task) {
  const warnings = task.caseWarnings || [];
  if (warnings.length < 2) return null;
  return h('span', { class: 'case-line', 'data-case-count': warnings.length },
    h('strong', { i18n: 'case.warningsAbout', i18nArgs: { n: warnings.length } }),
    h('span', { class: 'case-sources' }, ...warnings.flatMap((w, i) => [
      i ? h('span', { i18n: 'list.separator' }) : null,
      h('span', { i18n: `source.${w.source}`, 'data-source': w.source }),
      ' ', data(formatTime(w.issuedAt), 'mono'),
    ])));
}

function body(state, task) {
  const s = task.subject || {}, c = task.context || {};
  return h('div', { class: 'card-body' },
    h('section', { class: 'person' },
      h('div', { class: 'who' }, data(s.name || '—', 'name'),
        s.address && h('span', { class: 'muted small', i18n: 'console.visitAddress' })),
      s.address && h('p', { class: 'address' }, data(s.address)),
      s.phone && (isMasked(s.phone)
        ? data(s.phone, 'masked')
        : h('a', { class: 'call-link', href: `tel:${s.phone}`, 'data-focus-key': `tel:${task.taskId}` },
          h('span', { i18n: 'console.call' }), ' ', data(s.phone, 'mono')))),
    whereabouts(task, state.navigation),
    h('dl', { class: 'facts' }, [
      task.deadline && [h('dt', { i18n: `deadlineAt.${task.deadlineKind}` }),
        h('dd', {}, data(formatTime(task.deadline)))],
      task.homeVisitDeadline && task.status !== 'HomeVisit' && [h('dt', { i18n: 'field.visitDeadline' }),
        h('dd', {}, data(formatTime(task.homeVisitDeadline)))],
      // Where the person is now: an update may move them (a hotel, the bank), and the visit goes there.
      s.location && [h('dt', { i18n: 'subject.location' }),
        h('dd', {}, data(`${s.location.lat}, ${s.location.lon}`, 'mono'))],
      task.callResult && [h('dt', { i18n: 'field.callResult' }), h('dd', {}, label('call', task.callResult))],
      task.onScene && [h('dt', { i18n: 'field.onScene' }), h('dd', { i18n: 'common.yes' })],
      c.counterpartNumber && [h('dt', { i18n: 'context.counterpart' }), h('dd', {}, data(c.counterpartNumber, 'mono'))],
      task.fraudType && [h('dt', { i18n: 'field.fraudType' }), h('dd', {}, data(task.fraudType))],
      c.note && [h('dt', { i18n: 'context.note' }), h('dd', {}, data(c.note))],
    ].filter(Boolean)),
    task.pending > 0 && h('p', { class: 'pending-note', i18n: 'console.pendingNote' }),
    reach(state, task),
    holdPanel(state.holds, task.taskId, () => render(state)) ?? actions(state, task),
    !state.holds.has(task.taskId) && noteForm(task, state.notes, (text) => submit(state, task, 'notes', { text })),
    // Cards are rebuilt on every change; remember whether the history was open so it stays open.
    h('details', {
      class: 'history', open: state.historyOpen.has(task.taskId),
      ontoggle: (e) => (e.target.open ? state.historyOpen.add(task.taskId) : state.historyOpen.delete(task.taskId)),
    }, h('summary', { i18n: 'detail.history', 'data-focus-key': `history:${task.taskId}` }),
      h('ol', {}, (task.history || []).map((e) => h('li', { 'data-step': e.code },
        data(formatTime(e.at, true), 'mono'), ' ', historyLabel(e), h('div', { class: 'reason' }, historyText(e)))))));
}

/**
 * Big buttons for exactly the actions the server allows this officer now (allowedActions: the ladder is the server's,
 * see DispatchTask.Rules). While an action of the task waits in the queue, none: the server's answer says what is next.
 */
function actions(state, task) {
  const allowed = new Set(task.pending ? [] : task.allowedActions || []);
  const send = (action, body = {}) => () => {
    const go = () => submit(state, task, action, body);
    // A resolving action waits a few seconds with an undo before it is sent; the others go at once.
    if (resolves(action, body)) hold(state.holds, task.taskId, action, body, go, () => render(state));
    else go();
  };
  const btn = (action, key, body, cls = '', extra = {}) => h('button', {
    type: 'button', class: `act ${cls}`, 'data-action': action, i18n: key, onclick: send(action, body),
    'data-focus-key': `${action}:${task.taskId}:${JSON.stringify(body ?? {})}`, ...extra,
  });
  const groups = [];
  if (allowed.has('acknowledge')) groups.push(btn('acknowledge', 'action.acknowledge', {}, 'primary'));
  if (allowed.has('callResult')) {
    groups.push(h('fieldset', { class: 'group call-results' }, h('legend', { i18n: 'console.callResult' }),
      CALL_RESULTS.map((r) => btn('call-result', `call.${r}`, { result: r },
        r === 'ReachedAndDissuaded' ? 'good' : '', { 'data-result': r }))));
  }
  if (allowed.has('arrive')) groups.push(btn('arrive', 'action.arrive', {}, 'primary'));
  if (allowed.has('outcome')) groups.push(outcomeForm(state, task, send));
  return groups.length ? h('section', { class: 'actions' }, groups) : null;
}

/** Into the outbox (sent once, kept through a dead spot); says "queued" when it could not go at once. */
function submit(state, task, action, body) {
  const item = state.outbox.add(task.taskId, action, body);
  if (action === 'outcome') { state.outcome.delete(task.taskId); state.amount.delete(task.taskId); }
  state.outbox.flush().then(() => {
    if (state.outbox.items.some((i) => i.actionId === item.actionId)) confirmSent(task.instructionId, item, true);
  });
  render(state);
}

/**
 * Reaching the person: their own line and each contact (relation, one-tap call), the calls made so far, and, when the
 * server allows "attempt", one button per result for each of them. One tap records a call: it is a fact, not a
 * decision, and the server says when failed calls send the task to a home visit.
 */
function reach(state, task) {
  const contacts = task.subject?.contacts || [];
  const attempts = task.attempts || [];
  // Nothing to record while a resolving action is held: it ends the task in a moment, or is undone.
  const canRecord = !task.pending && !state.holds.has(task.taskId) && (task.allowedActions || []).includes('attempt');
  if (!contacts.length && !attempts.length && !canRecord) return null;
  const failed = attempts.filter((a) => a.result !== 'Reached').length;
  const row = (who, label, contact) => {
    const mine = attempts.filter((a) => (a.contact ?? 'subject') === who);
    return h('li', { class: 'reach-row', 'data-contact': String(who) },
      h('div', { class: 'reach-who' }, label, contact?.name && data(contact.name, 'name')),
      contact && (isMasked(contact.phone)
        ? data(contact.phone, 'masked')
        : h('a', { class: 'call-link', href: `tel:${contact.phone}`, 'data-focus-key': `tel:${task.taskId}:${who}` },
          h('span', { i18n: 'console.call' }), ' ', data(contact.phone, 'mono'))),
      mine.length > 0 && h('ol', { class: 'attempts' }, mine.map((a) => h('li', { 'data-result': a.result },
        data(formatTime(a.at, true), 'mono'), ' ', h('span', { i18n: `attempt.${a.result}` })))),
      canRecord && h('div', { class: 'group attempt-results', role: 'group',
        i18nAttr: 'aria-label:console.attemptResult' },
        ATTEMPT_RESULTS.map((r) => h('button', {
          type: 'button', class: `act ${r === 'Reached' ? 'good' : ''}`, 'data-action': 'attempts',
          'data-contact': String(who), 'data-result': r, i18n: `attempt.${r}`,
          'data-focus-key': `attempt:${task.taskId}:${who}:${r}`,
          onclick: () => submit(state, task, 'attempts', { contact: who, result: r }),
        }))));
  };
  return h('section', { class: 'reach' },
    h('h2', {}, h('span', { i18n: 'console.reach' }),
      failed > 0 && h('span', { class: 'badge failed', i18n: 'console.failedAttempts', i18nArgs: { n: failed } })),
    h('ol', { class: 'reach-list' },
      row('subject', h('span', { class: 'rel', i18n: 'console.thePerson' })),
      contacts.map((c, i) => row(i, c.relation
        ? h('span', { class: 'rel' }, data(String(i + 1), 'num'), data(c.relation))
        : h('span', { class: 'rel', i18n: 'console.contactN', i18nArgs: { n: i + 1 } }), c))));
}

/** Two steps on purpose: pick the outcome (and amount), then record it; a stray tap never closes a task. */
function outcomeForm(state, task, send) {
  const chosen = state.outcome.get(task.taskId);
  const needsAmount = NEEDS_AMOUNT.has(chosen);
  const amountText = state.amount.get(task.taskId) ?? '';
  const amount = Number(amountText);
  const ready = chosen && (!needsAmount || (amountText !== '' && amount >= 0));
  const body = chosen ? (needsAmount ? { outcome: chosen, amount } : { outcome: chosen }) : {};
  return h('fieldset', { class: 'group outcomes' }, h('legend', { i18n: 'console.outcome' }),
    OUTCOMES.map((o) => h('button', {
      type: 'button', class: `choice ${o === chosen ? 'chosen' : ''}`, 'data-outcome': o,
      'aria-pressed': String(o === chosen),
      'data-focus-key': `choose:${task.taskId}:${o}`, i18n: `outcome.${o}`,
      onclick: () => { state.outcome.set(task.taskId, o === chosen ? undefined : o); render(state); },
    })),
    needsAmount && h('label', { class: 'amount' }, h('span', { i18n: o2amountKey(chosen) }),
      h('input', {
        type: 'number', inputmode: 'decimal', min: '0', step: '0.01', value: amountText,
        'data-focus-key': `amount:${task.taskId}`,
        // Only the record button follows the typing: re-rendering here (e.g. on change, which fires as the finger
        // leaves the field for that button) would replace the button under the tap and lose it.
        oninput: (e) => {
          state.amount.set(task.taskId, e.target.value);
          e.target.closest('fieldset').querySelector('[data-action="outcome"]')
            .disabled = !(e.target.value !== '' && Number(e.target.value) >= 0);
        },
      })),
    h('button', {
      type: 'button', class: 'act primary', 'data-action': 'outcome', i18n: 'action.recordOutcome', disabled: !ready,
      'data-focus-key': `outcome:${task.taskId}`,
      onclick: () => {
        const text = state.amount.get(task.taskId) ?? '';
        send('outcome', needsAmount ? { outcome: chosen, amount: Number(text) } : body)();
        render(state);
      },
    }));
}

const o2amountKey = (o) => (o === 'AlreadyDefrauded' ? 'console.amountLost' : 'console.amountProtected');

function doneCard(task) {
  return h('li', { class: `card done st-Resolved`, 'data-task-id': task.taskId, 'data-status': task.status },
    h('span', { class: 'line2' }, data(task.instructionId, 'mono'), label('outcome', task.outcome),
      defraudedBadge(task),
      task.amount != null && data(formatMoney(task.amount), 'amount'),
      data(formatTime(new Date(resolvedAt(task) || Date.now()).toISOString()), 'muted'),
      task.pending > 0 && h('span', { class: 'badge queued', i18n: 'badge.queued' })));
}

function tick(state) {
  const now = Date.now();
  tickHolds();
  cueDeadlines(state.store.active(), now);
  for (const el of document.querySelectorAll('[data-deadline]')) {
    const d = el.dataset.deadline;
    const ms = d ? Date.parse(d) - now : 0;
    el.querySelector('.clock').textContent = d ? countdown(ms) : '';
    el.classList.toggle('overdue', Boolean(d) && ms < 0);
    el.classList.toggle('soon', Boolean(d) && ms >= 0 && ms < 60_000);
  }
  for (const [id, at] of state.fresh) {
    if (now - at > FRESH_MS) {
      state.fresh.delete(id);
      document.querySelector(`li[data-task-id="${CSS.escape(id)}"]`)?.classList.remove('fresh');
    }
  }
}

// Last, so that every declaration above is initialised before the page starts.
const me = await enterPage('FieldOfficer');
if (me) await start(me);
