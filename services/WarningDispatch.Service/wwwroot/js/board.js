// The duty officer's live task board: every active task of the officer's area, most urgent first, live.

import { api, ApiError, newActionId, postAction } from './api.js';
import { historyLabel, historyText, problemText, updatedMark } from './codes.js';
import { createHub } from './hub.js';
import { formatMoney, formatNumber, formatTime, has, onLanguageChange, t } from './i18n.js';
import { createFinder } from './finder.js';
import { createUnmatchedReports, defraudedBadge, defraudedSection, isRecentAlarm } from './fraudreports.js';
import { createMap } from './map.js';
import { createAlarms } from './alarms.js';
import { byUrgency, countdown, isMasked, TaskStore, visitLevel } from './tasks.js';
import { createBoardFollowUps, followUpForm } from './followups.js';
import { data, enterPage, h, notify, showConnection } from './ui.js';

const $ = (id) => document.getElementById(id);
const STATUSES = ['Unrouted', 'Assigned', 'PhoneWarning', 'HomeVisit'];
const RISKS = ['High', 'Medium', 'Low'];
const CALL_RESULTS = ['ReachedAndDissuaded', 'Busy', 'NoAnswer', 'Unreachable', 'Refuses', 'StillAtRisk'];
const OUTCOMES = ['Dissuaded', 'FundsProtected', 'AlreadyDefrauded', 'PersonNotFound', 'FalseAlarm'];
const NEEDS_AMOUNT = new Set(['FundsProtected', 'AlreadyDefrauded']);
const FRESH_MS = 5000;        // how long a task that just arrived stays highlighted
const OFFICERS_REFRESH_MS = 30_000; // duty changes are not pushed; the roster is re-read now and then
const SUMMARY_MIN_MS = 3000;  // today's figures are re-read at most this often while tasks change
// The server shares an area's summary of today for 2 s (ReportSummaryCache.Window): a read sooner than that after
// a change could be answered from before it, so the read after a change waits as long.
const SUMMARY_SHARED_MS = 2000;
const SUMMARY_REFRESH_MS = 60_000; // and now and then without changes, so midnight starts a new day

async function start(me) {
  const store = new TaskStore();
  const state = {
    me, store,
    posts: new Map(), officers: new Map(),
    selected: null, detailKey: null,
    fresh: new Map(),
    filters: { county: '', post: '', status: '', risk: '', search: '' },
    overdueIds: new Set(),
  };
  window.__wd = { store, state }; // for the browser tests and for a curious developer in the console

  const posts = await api('GET', '/api/posts').catch(() => []);
  state.posts = new Map(posts.map((p) => [p.postId, p]));
  $('user-area').textContent = postName(state, me.areaId);
  document.body.hidden = false;

  state.alarms = createAlarms($('alarms'));
  window.__wd.alarms = state.alarms;
  const map = createMap($('map'), { onSelect: (id) => select(state, id) });
  map.setPosts(posts.filter((p) => inArea(state, p.postId)));
  state.map = map;

  fillFilterOptions(state);
  wireFilters(state);
  $('detail-close').addEventListener('click', () => select(state, null));
  // A task found by the finder (closed ones too) opens in the detail with its whole history.
  createFinder($('finder'), { me, onOpen: (task) => { store.changed(task); select(state, task.taskId); } });
  $('open-finder').addEventListener('click', () => { $('finder').hidden = !$('finder').hidden; });
  wireUnmatchedReports();
  state.followUps = createBoardFollowUps($('follow-ups'), {
    store, label: (id) => postLabel(state, id), onOpen: (id) => select(state, id), onLoaded: () => render(state),
  });
  for (const c of document.querySelectorAll('.counter[data-counter="unrouted"], .counter[data-counter="overdue"]')) {
    // The two counters that demand action also filter the list to those tasks.
    c.tabIndex = 0;
    c.setAttribute('role', 'button');
    const toggle = () => setStatusFilter(state, c.dataset.counter === 'unrouted' ? 'Unrouted' : 'overdue');
    c.addEventListener('click', toggle);
    c.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
  }

  const reload = async () => {
    try {
      const added = await store.reload(() => api('GET', '/api/tasks?status=recent'));
      for (const id of added ?? []) state.fresh.set(id, Date.now());
    } catch (e) {
      console.warn('board: task list failed', e);
      notify('error.loadTasks', null, 'error');
    }
    render(state);
  };

  const hub = createHub({
    onTaskChanged: (snapshot) => {
      if (store.changed(snapshot) === 'new' && store.loaded) state.fresh.set(snapshot.taskId, Date.now());
      refreshSummary(state, true);
      render(state);
    },
    onTaskWithdrawn: (w) => { store.withdraw(w); render(state); },
    // A reconnection may have missed changes; the first connection has no older figures to be behind.
    onConnected: async () => {
      loadOfficers(state); refreshSummary(state, state.summary != null); await reload(); await state.followUps.load();
    },
    onState: showConnection,
  });
  window.__wd.hub = hub;

  onLanguageChange(() => { state.detailKey = null; fillFilterOptions(state); render(state); });
  setInterval(() => tick(state), 1000);
  setInterval(() => refreshSummary(state, false), SUMMARY_REFRESH_MS);
  setInterval(() => loadOfficers(state), OFFICERS_REFRESH_MS);

  await loadOfficers(state);
  await reload(); // show the board before the socket is up
  await state.followUps.load();
  hub.start();
}

/** The card of fraud reports that matched no warning: read afresh each time it opens. */
function wireUnmatchedReports() {
  const card = $('fraud-reports');
  const list = createUnmatchedReports(card);
  $('open-fraud-reports').addEventListener('click', () => {
    card.hidden = !card.hidden;
    if (!card.hidden) list.open();
  });
}

// ---------- area, posts, officers ----------

function inArea(state, postId) {
  for (let id = postId; id; id = state.posts.get(id)?.parentId) if (id === state.me.areaId) return true;
  return false;
}

function countyOf(state, postId) {
  for (let id = postId; id; id = state.posts.get(id)?.parentId) if (state.posts.get(id)?.level === 'County') return id;
  return null;
}

/** The county of a task: of its post, or (unrouted) of the centres that see it. */
const taskCounty = (state, task) => countyOf(state, task.postId)
  ?? (task.areaIds || []).find((a) => state.posts.get(a)?.level === 'County') ?? null;

const postName = (state, id) => (id ? state.posts.get(id)?.name ?? id : '—');

/** "凤山县 凤城派出所": county and post, without the bureau in between. */
function postLabel(state, id) {
  const name = postName(state, id);
  return name.includes('公安局') ? `${shortName(name)} ${name.replace(/^.*公安局/, '')}` : name;
}

/** "凤山县" from "凤山县公安局反诈中心": post names are long, a county is known by its first part. */
const shortName = (name) => (name ? name.replace(/公安局.*$/, '') : '');

function officerLabel(state, id) {
  if (!id) return '—';
  const o = state.officers.get(id);
  return o ? `${o.name} · ${id}` : id;
}

async function loadOfficers(state) {
  try {
    const list = await api('GET', '/api/officers');
    state.officers = new Map(list.map((o) => [o.officerId, o]));
    state.detailKey = null; // the assign list depends on who is on duty
    render(state);
  } catch { /* names fall back to ids */ }
}

// ---------- filters ----------

function fillFilterOptions(state) {
  const keep = (sel, options) => {
    const value = sel.value;
    sel.replaceChildren(h('option', { value: '', i18n: 'filter.all' }), ...options);
    sel.value = [...sel.options].some((o) => o.value === value) ? value : '';
  };
  const areaPosts = [...state.posts.values()].filter((p) => inArea(state, p.postId));
  keep($('f-county'), areaPosts.filter((p) => p.level === 'County')
    .map((p) => h('option', { value: p.postId, translate: 'no' }, shortName(p.name))));
  fillPostOptions(state);
  keep($('f-status'), [...STATUSES.map((s) => h('option', { value: s, i18n: `status.${s}` })),
    h('option', { value: 'overdue', i18n: 'filter.overdue' })]);
  keep($('f-risk'), RISKS.map((r) => h('option', { value: r, i18n: `risk.${r}` })));
}

function fillPostOptions(state) {
  const sel = $('f-post');
  const county = $('f-county').value;
  const value = sel.value;
  const posts = [...state.posts.values()]
    .filter((p) => p.level === 'Station' && inArea(state, p.postId) && (!county || p.parentId === county));
  sel.replaceChildren(h('option', { value: '', i18n: 'filter.all' }),
    ...posts.map((p) => h('option', { value: p.postId, translate: 'no' }, p.name)));
  sel.value = posts.some((p) => p.postId === value) ? value : '';
}

function wireFilters(state) {
  const read = () => {
    Object.assign(state.filters, {
      county: $('f-county').value, post: $('f-post').value, status: $('f-status').value,
      risk: $('f-risk').value, search: $('f-search').value.trim().toLowerCase(),
    });
    render(state);
  };
  $('f-county').addEventListener('change', () => { fillPostOptions(state); read(); });
  for (const id of ['f-post', 'f-status', 'f-risk']) $(id).addEventListener('change', read);
  $('f-search').addEventListener('input', read);
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('filters').addEventListener('reset', () => setTimeout(() => { fillPostOptions(state); read(); }));
}

function setStatusFilter(state, status) {
  $('f-status').value = $('f-status').value === status ? '' : status;
  state.filters.status = $('f-status').value;
  render(state);
}

function matches(state, task, now) {
  const f = state.filters;
  if (f.county && taskCounty(state, task) !== f.county) return false;
  if (f.post && task.postId !== f.post) return false;
  if (f.status === 'overdue') { if (!(task.deadline && Date.parse(task.deadline) < now)) return false; }
  else if (f.status && task.status !== f.status) return false;
  if (f.risk && task.riskLevel !== f.risk) return false;
  if (f.search && !task.instructionId.toLowerCase().includes(f.search)
    && !task.taskId.toLowerCase().includes(f.search)) return false;
  return true;
}

// ---------- rendering ----------

function render(state) {
  const now = Date.now();
  const urgentFirst = byUrgency(now);
  // The tasks that call for the duty officer stand above everything; among them and below, today's order.
  const active = state.store.active()
    .sort((a, b) => Number(Boolean(urgency(b, now))) - Number(Boolean(urgency(a, now))) || urgentFirst(a, b));
  // A closed task reported defrauded comes back as an alarm, on top, for a day.
  const listed = [...state.store.all().filter((x) => isRecentAlarm(x, now)), ...active];
  const shown = onePerCase(listed.filter((task) => matches(state, task, now)));
  state.overdueIds = new Set(active.filter((x) => x.deadline && Date.parse(x.deadline) < now).map((x) => x.taskId));

  $('task-rows').replaceChildren(...shown.map((task) => row(state, task)));
  $('empty').hidden = shown.length > 0;
  $('empty').dataset.i18n = listed.length ? 'board.noMatch' : 'board.empty';
  $('empty').textContent = t($('empty').dataset.i18n);
  $('shown-count').textContent = listed.length === shown.length
    ? `(${listed.length})` : `(${shown.length} / ${listed.length})`;

  renderCounters(state, now);
  state.alarms?.update(new Map(active.map((x) => [x.taskId, urgency(x, now)]).filter(([, u]) => u)));
  state.followUps?.render();
  state.map?.update({ tasks: shown, officers: [...state.officers.values()], selected: state.selected,
    postOf: (id) => state.posts.get(id) });
  renderDetail(state);
  tick(state);
}

/** A case (several warnings about one person) is one row: its most urgent active task stands for it. */
function onePerCase(tasks) {
  const seen = new Set();
  return tasks.filter((task) => {
    if (!task.caseId || (task.caseWarnings || []).length < 2) return true;
    if (seen.has(task.caseId)) return false;
    seen.add(task.caseId);
    return true;
  });
}

const caseSize = (task) => (task.caseWarnings || []).length;

/** "3 warnings" and their sources, on a row that stands for a case. */
function caseBadge(task) {
  const n = caseSize(task);
  if (n < 2) return null;
  const sources = [...new Set(task.caseWarnings.map((w) => w.source))];
  return [
    h('span', { class: 'badge case', 'data-case-count': n, i18n: 'badge.case', i18nArgs: { n } }),
    h('small', { class: 'case-sources' }, ...sources.flatMap((x, i) =>
      [i ? h('span', { i18n: 'list.separator' }) : null, h('span', { i18n: `source.${x}` })])),
  ];
}

/**
 * Today's resolved, success rate and amount protected are the reports' own figures: the summary of the officer's
 * area for today in the reporting time zone (of the warnings received today), never a count of what this browser
 * happens to hold. Re-read when tasks change, at most once per SUMMARY_MIN_MS and SUMMARY_SHARED_MS after the
 * change.
 */
function refreshSummary(state, changed) {
  if (changed) state.summaryChangedAt = Date.now();
  if (state.summaryTimer) return;
  const changedAt = state.summaryChangedAt ?? -Infinity;
  const now = Date.now();
  const wait = Math.max(0, (state.summaryAt ?? 0) + SUMMARY_MIN_MS - now, changedAt + SUMMARY_SHARED_MS - now);
  state.summaryTimer = setTimeout(async () => {
    state.summaryAt = Date.now();
    try {
      state.summary = await api('GET', '/api/reports/summary');
    } catch (e) {
      console.warn('board: summary failed', e);
    }
    state.summaryTimer = null;
    renderCounters(state, Date.now());
    // A change that came while this read waited or ran may not be in its answer: one more read, once it can be.
    if ((state.summaryChangedAt ?? -Infinity) > state.summaryAt - SUMMARY_SHARED_MS) refreshSummary(state, false);
  }, wait);
}

function renderCounters(state, now) {
  const active = state.store.active();
  const today = state.summary;
  $('c-active').textContent = formatNumber(active.length);
  $('c-unrouted').textContent = formatNumber(active.filter((x) => x.status === 'Unrouted').length);
  $('c-overdue').textContent = formatNumber(active.filter((x) => x.deadline && Date.parse(x.deadline) < now).length);
  $('c-resolved').textContent = today ? formatNumber(today.resolved) : '—';
  $('c-success').textContent = today?.dissuasionRate != null
    ? formatNumber(today.dissuasionRate, { style: 'percent', maximumFractionDigits: 1 }) : '—';
  $('c-protected').textContent = today ? formatMoney(today.amountProtected) : '—';
  for (const [id, n] of [['unrouted', active.filter((x) => x.status === 'Unrouted').length],
    ['overdue', state.overdueIds.size]]) {
    document.querySelector(`.counter[data-counter="${id}"]`).classList.toggle('hot', n > 0);
  }
}

/**
 * How loudly a task calls for the duty officer (the board's display and alarm, not the ladder): critical when it needs
 * the duty officer, is unrouted at High risk or its home visit is breached; a warning when unrouted or overdue.
 */
function urgency(task, now) {
  if (task.status === 'Resolved') return null;
  if (task.needsDutyOfficer || visitLevel(task) >= 100 || (task.status === 'Unrouted' && task.riskLevel === 'High')) {
    return 'critical';
  }
  if (task.status === 'Unrouted' || (task.deadline && Date.parse(task.deadline) < now)) return 'warning';
  return null;
}

function statusBadge(task) {
  return h('span', { class: `step st-${task.status}`, i18n: `status.${task.status}` });
}

function riskBadge(task) {
  return h('span', { class: `badge risk risk-${task.riskLevel}`, i18n: `risk.${task.riskLevel}` });
}

/** 50 % / 80 % / breached: how much of the home-visit time has gone. */
function visitBadge(task) {
  const level = visitLevel(task);
  if (!level) return null;
  return h('span', { class: `badge visit visit-${level}`, 'data-visit': level,
    i18n: level >= 100 ? 'badge.breached' : `badge.visit${level}` });
}

function alertBadges(task) {
  return [
    defraudedBadge(task),
    visitBadge(task),
    task.needsDutyOfficer
      && h('span', { class: 'badge flag', 'data-flag': 'needs-duty-officer', i18n: 'badge.needsDuty' }),
    task.context?.onCallNow && task.status !== 'Resolved' && h('span', { class: 'badge oncall', i18n: 'badge.onCall' }),
    task.onScene && h('span', { class: 'badge scene', i18n: 'badge.onScene' }),
    updatedMark(task),
  ];
}

function deadlineCell(task, tag = 'td', cls = '') {
  return h(tag, { class: `deadline ${cls}`, 'data-deadline': task.deadline || '' },
    h('span', { class: 'clock', translate: 'no' }),
    task.deadlineKind && h('small', { i18n: `deadlineKind.${task.deadlineKind}` }));
}

function row(state, task) {
  const urgent = urgency(task, Date.now());
  const cls = [`st-${task.status}`, `risk-${task.riskLevel}`, state.fresh.has(task.taskId) && 'fresh',
    state.selected === task.taskId && 'selected',
    task.defraudedAfterWarning && 'defrauded', urgent && `urgent urgent-${urgent}`];
  return h('tr', {
    class: cls.filter(Boolean).join(' '), tabindex: 0,
    'data-task-id': task.taskId, 'data-instruction-id': task.instructionId, 'data-version': task.version,
    'data-status': task.status,
    'data-case-id': caseSize(task) > 1 ? task.caseId : null,
    onclick: () => select(state, task.taskId),
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(state, task.taskId); } },
  },
  h('td', {}, riskBadge(task)),
  h('td', {}, statusBadge(task)),
  deadlineCell(task),
  h('td', { class: 'alerts' }, alertBadges(task)),
  h('td', { class: 'instruction' }, data(task.instructionId, 'mono'), h('small', { i18n: `kind.${task.kind}` }),
    caseBadge(task)),
  h('td', { class: 'post' },
    task.postId ? data(postLabel(state, task.postId)) : h('span', { class: 'muted', i18n: 'board.noPost' }),
    h('small', {}, task.officerId ? data(officerLabel(state, task.officerId))
      : h('span', { i18n: 'board.noOfficer' }))),
  h('td', { class: 'num' }, task.context?.amountAtRisk != null ? data(formatMoney(task.context.amountAtRisk)) : ''),
  h('td', { class: 'mono phone' }, data(task.subject?.phone)));
}

/** Once a second: countdowns, overdue colouring, fading the new-task cue; a task that just went overdue moves up. */
function tick(state) {
  const now = Date.now();
  for (const el of document.querySelectorAll('[data-deadline]')) {
    const d = el.dataset.deadline;
    const ms = d ? Date.parse(d) - now : 0;
    const clock = el.querySelector('.clock') ?? el;
    clock.textContent = d ? countdown(ms) : '—';
    el.classList.toggle('overdue', Boolean(d) && ms < 0);
    el.classList.toggle('soon', Boolean(d) && ms >= 0 && ms < 60_000);
  }
  for (const [id, at] of state.fresh) {
    if (now - at > FRESH_MS) {
      state.fresh.delete(id);
      document.querySelector(`tr[data-task-id="${CSS.escape(id)}"]`)?.classList.remove('fresh');
    }
  }
  const overdue = state.store.active().filter((x) => x.deadline && Date.parse(x.deadline) < now);
  if (overdue.length !== state.overdueIds.size || overdue.some((x) => !state.overdueIds.has(x.taskId))) render(state);
  else renderCounters(state, now);
}

// ---------- detail ----------

function select(state, taskId) {
  state.selected = taskId;
  state.detailKey = null;
  $('action-error').hidden = true;
  render(state);
  if (taskId) $('detail').scrollTop = 0;
}

function section(titleKey, pairs, extra) {
  const shown = pairs.filter(([, v]) => v != null && v !== '' && v !== false);
  if (!shown.length && !extra) return null;
  return h('section', { class: 'fields' }, h('h3', { i18n: titleKey }),
    shown.length ? h('dl', {}, shown.map(([k, v]) => [h('dt', { i18n: k }), h('dd', {}, v)])) : null, extra);
}

const yes = (b) => (b == null ? null : h('span', { i18n: b ? 'common.yes' : 'common.no' }));
const label = (prefix, value) => (value == null ? null
  : has(`${prefix}.${value}`) ? h('span', { i18n: `${prefix}.${value}` }) : data(value));

function renderDetail(state) {
  const panel = $('detail');
  const task = state.selected && state.store.get(state.selected);
  if (!task) {
    panel.hidden = true;
    if (state.selected && state.store.loaded) state.selected = null; // it left our area or was resolved and dropped
    return;
  }
  // Rebuilt only when the task changed, so a half-made choice in the assign list survives unrelated pushes.
  const key = `${task.taskId}@${task.version}`;
  if (state.detailKey === key && !panel.hidden) return;
  state.detailKey = key;
  panel.hidden = false;
  panel.dataset.taskId = task.taskId;
  panel.dataset.version = task.version;
  $('detail-title').textContent = task.instructionId;
  const s = task.subject || {}, c = task.context || {};
  $('detail-body').replaceChildren(...[
    h('div', { class: 'summary' }, riskBadge(task), statusBadge(task), alertBadges(task)),
    task.deadline ? h('div', { class: 'big-deadline' }, deadlineCell(task, 'div')) : null,
    defraudedSection(task),
    actions(state, task),
    section('detail.subject', [
      ['subject.name', data(s.name)],
      ['subject.phone', s.phone && (isMasked(s.phone) ? data(s.phone, 'masked')
        : h('a', { href: `tel:${s.phone}`, translate: 'no' }, s.phone))],
      ['subject.address', s.address && data(s.address)],
      ['subject.region', s.regionCode && data(s.regionCode)],
      ['subject.location', s.location && data(`${s.location.lat}, ${s.location.lon}`)],
    ], isMasked(s.phone) ? h('p', { class: 'muted small', i18n: 'detail.maskedNote' }) : null),
    section('detail.instruction', [
      ['field.source', label('source', task.source)],
      ['field.kind', label('kind', task.kind)],
      ['field.fraudType', task.fraudType && data(task.fraudType)],
      ['field.post', task.postId && data(postName(state, task.postId))],
      ['field.officer', task.officerId && data(officerLabel(state, task.officerId))],
      ['field.issued', data(formatTime(task.issuedAt, true))],
      ['field.received', data(formatTime(task.receivedAt, true))],
      ['field.deadline', task.deadline && data(formatTime(task.deadline))],
      ['field.visitDeadline', task.homeVisitDeadline && data(formatTime(task.homeVisitDeadline))],
      ['field.callResult', label('call', task.callResult)],
      ['field.onScene', task.onScene && yes(true)],
      ['field.outcome', label('outcome', task.outcome)],
      ['field.amount', task.amount != null && data(formatMoney(task.amount))],
    ]),
    caseSection(state, task),
    section('detail.context', [
      ['context.onCallNow', yes(c.onCallNow)],
      ['context.counterpart', c.counterpartNumber && data(c.counterpartNumber)],
      ['context.amountAtRisk', c.amountAtRisk != null && data(formatMoney(c.amountAtRisk))],
      ['context.note', c.note && data(c.note)],
    ]),
    history(state, task),
    technical(task),
  ].filter(Boolean));
  tick(state);
}

/** What only an engineer or a call to the vendor needs: folded away unless asked for. */
function technical(task) {
  return h('details', { class: 'technical', id: 'technical' }, h('summary', { i18n: 'detail.technical' }),
    h('dl', {}, h('dt', { i18n: 'field.taskId' }), h('dd', {}, data(task.taskId, 'mono')),
      h('dt', { i18n: 'field.version' }), h('dd', {}, data(String(task.version), 'mono'))));
}

/** Every warning about the person: source, risk, when issued and received; the others can be opened. */
function caseSection(state, task) {
  if (caseSize(task) < 2) return null;
  return h('section', { class: 'case', 'data-case-id': task.caseId },
    h('h3', { i18n: 'detail.case' }),
    h('ol', { class: 'case-warnings' }, task.caseWarnings.map((w) => h('li', {
      'data-task-id': w.taskId, 'data-source': w.source,
      class: w.taskId === task.taskId ? 'this' : 'other',
      onclick: w.taskId === task.taskId ? null : () => select(state, w.taskId),
    },
    h('span', { class: `badge risk risk-${w.riskLevel}`, i18n: `risk.${w.riskLevel}` }),
    h('span', { class: 'source', i18n: `source.${w.source}` }),
    data(w.instructionId, 'mono'),
    h('small', {}, data(formatTime(w.issuedAt, true)), ' → ', data(formatTime(w.receivedAt, true))),
    w.taskId === task.taskId ? h('small', { class: 'muted', i18n: 'case.this' }) : null))));
}

function history(state, task) {
  return h('section', { class: 'fields' }, h('h3', { i18n: 'detail.history' }),
    h('ol', { class: 'history', id: 'history' }, (task.history || []).map((e) => h('li', { 'data-step': e.code },
      h('div', { class: 'meta' },
        data(formatTime(e.at, true), 'mono'),
        historyLabel(e),
        e.actor !== 'system' ? data(e.actor, 'muted') : h('span', { class: 'muted', i18n: 'history.system' })),
      h('div', { class: 'reason' }, historyText(e)),
      (e.postId || e.officerId) && h('div', { class: 'muted small' },
        data([postName(state, e.postId), e.officerId].filter((x) => x && x !== '—').join(' · ')))))));
}

/** Exactly the actions the server allows this duty officer now (allowedActions); the ladder is the server's. */
function actions(state, task) {
  const allowed = new Set(task.allowedActions || []);
  const run = (action, body = {}) => (e) => act(state, e.currentTarget, task, action, body);
  const items = [];
  if (allowed.has('escalate')) {
    items.push(h('button', {
      type: 'button', class: 'warn', 'data-action': 'escalate', i18n: 'action.escalate', onclick: run('escalate'),
    }));
  }
  if (allowed.has('callResult')) {
    items.push(h('div', { class: 'call-results' }, h('span', { class: 'muted small', i18n: 'detail.callResult' }),
      CALL_RESULTS.map((r) => h('button', {
        type: 'button', 'data-action': 'call-result', 'data-result': r, i18n: `call.${r}`,
        onclick: run('call-result', { result: r }),
      }))));
  }
  if (allowed.has('arrive')) {
    items.push(h('button', { type: 'button', 'data-action': 'arrive', i18n: 'action.arrive', onclick: run('arrive') }));
  }
  if (allowed.has('outcome')) items.push(outcomeForm(state, task));
  if (allowed.has('assign')) items.push(assignForm(state, task));
  if (allowed.has('followUp')) items.push(followUpForm((button, body) => act(state, button, task, 'follow-up', body)));
  return items.length ? h('section', { class: 'actions' }, h('h3', { i18n: 'detail.actions' }), items) : null;
}

/** The outcome and, for money protected or lost, its amount; recorded only with the button, never by a stray pick. */
function outcomeForm(state, task) {
  const amount = h('input', {
    type: 'number', inputmode: 'decimal', min: '0', step: '0.01', id: 'outcome-amount',
    i18nAttr: 'aria-label:field.amount', hidden: true,
  });
  const choice = h('select', {
    id: 'outcome-choice', i18nAttr: 'aria-label:field.outcome',
    onchange: () => { amount.hidden = !NEEDS_AMOUNT.has(choice.value); },
  }, OUTCOMES.map((o) => h('option', { value: o, i18n: `outcome.${o}` })));
  const record = (e) => {
    const body = { outcome: choice.value };
    if (NEEDS_AMOUNT.has(choice.value)) body.amount = Number(amount.value);
    act(state, e.currentTarget, task, 'outcome', body);
  };
  return h('div', { class: 'outcome row' }, choice, amount,
    h('button', { type: 'button', 'data-action': 'outcome', i18n: 'action.recordOutcome', onclick: record }));
}

/** On-duty officers of the area, those at the task's post first, then its county, then by fewest open tasks. */
function assignForm(state, task) {
  const county = taskCounty(state, task);
  const rank = (o) => (o.postId === task.postId ? 0 : countyOf(state, o.postId) === county ? 1 : 2);
  const candidates = [...state.officers.values()]
    .filter((o) => o.onDuty && o.officerId !== task.officerId && inArea(state, o.postId))
    .sort((a, b) => rank(a) - rank(b) || a.openTasks - b.openTasks || a.officerId.localeCompare(b.officerId));
  const option = (o) => h('option', { value: o.officerId, translate: 'no' },
    `${o.name} ${o.officerId} · ${postLabel(state, o.postId)} · ${t('detail.openTasks', { n: o.openTasks })}`);
  const select = h('select', { id: 'assign-officer', size: 6, i18nAttr: 'aria-label:field.officer' },
    candidates.map(option));
  if (candidates.length) select.value = candidates[0].officerId;
  const count = h('span', { class: 'muted small', id: 'assign-count' });
  // Typing narrows the list (name, officer id, post) and keeps its ranking; the best match is chosen.
  const filter = () => {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const hits = candidates.filter((o) => {
      const text = `${o.name} ${o.officerId} ${postName(state, o.postId)} ${postLabel(state, o.postId)}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
    const chosen = select.value;
    select.replaceChildren(...hits.map(option));
    select.value = hits.some((o) => o.officerId === chosen) ? chosen : hits[0]?.officerId ?? '';
    const shown = { n: hits.length, total: candidates.length };
    count.replaceChildren(h('span', { i18n: 'detail.assignShown', i18nArgs: shown }));
    assign.disabled = hits.length === 0;
  };
  const search = h('input', {
    type: 'search', id: 'assign-search', autocomplete: 'off', spellcheck: 'false',
    i18nAttr: 'placeholder:detail.assignSearch;aria-label:detail.assignSearch', oninput: () => filter(),
  });
  const verb = task.status === 'Unrouted' ? 'action.assign' : 'action.reassign';
  const assign = h('button', {
    type: 'button', 'data-action': 'assign', i18n: verb, disabled: candidates.length === 0,
    onclick: (e) => act(state, e.currentTarget, task, 'assign', { officerId: select.value }),
  });
  filter();
  return h('div', { class: 'assign' },
    h('label', { for: 'assign-search', i18n: 'detail.assignTo' }),
    h('div', { class: 'row' }, search, count),
    h('div', { class: 'row' }, select, assign),
    candidates.length === 0 ? h('p', { class: 'muted small', i18n: 'detail.nobodyOnDuty' })
      : h('p', { class: 'muted small', i18n: 'detail.assignHint' }));
}

// An action retried after a network failure keeps its action id, so the server applies it at most once.
const retryIds = new Map();

async function act(state, button, task, action, body) {
  $('action-error').hidden = true;
  const key = `${task.taskId}/${action}/${JSON.stringify(body)}`;
  const actionId = retryIds.get(key) ?? newActionId();
  retryIds.set(key, actionId);
  const buttons = [...$('detail').querySelectorAll('button[data-action]')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const snapshot = await postAction(task.taskId, action, actionId, body);
    retryIds.delete(key);
    state.store.changed(snapshot);
    notify(`done.${action}`, { id: task.instructionId }, 'ok');
    if (action === 'assign') loadOfficers(state);
    render(state);
  } catch (e) {
    if (!(e instanceof ApiError) || !e.retryable) retryIds.delete(key); // answered: a new click is a new action
    // A refusal leads with the server's reason (translated by its code: "officer FS01B is off duty"), never with a
    // generic lead-in that may not be the reason; the task is read again, so what the board shows is the server's now.
    const parts = e.status === 0 ? [h('span', { i18n: 'error.offline' })]
      : e.status === 409
        ? [h('strong', { class: 'problem' }, problemText(e)), ' ', h('span', { class: 'small', i18n: 'error.reread' })]
        : [h('span', { i18n: 'error.failed' }), ' ', h('span', { class: 'problem' }, problemText(e))];
    $('action-error').replaceChildren(...parts);
    $('action-error').hidden = false;
    buttons.forEach((b) => { b.disabled = false; });
    if (e.status === 409) api('GET', `/api/tasks/${encodeURIComponent(task.taskId)}`)
      .then((x) => { state.store.changed(x); render(state); }).catch(() => {});
  }
}

// Last, so that every declaration above is initialised before the page starts.
const me = await enterPage('DutyOfficer');
if (me) await start(me);
