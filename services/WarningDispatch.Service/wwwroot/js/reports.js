// The centre's reports: a range of days and an area, the headline figures, three SVG charts, the per-post table and
// the downloads, all from GET /api/reports/summary (the same figures the board's counters show for today).

import { api } from './api.js';
import { formatMoney, formatNumber, language, onLanguageChange, t } from './i18n.js';
import { data, enterPage, h } from './ui.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const SOURCES = ['NationalCenter', 'ProvincialCenter', 'Bank', 'Telecom', 'Internal'];
// The same colours as the legend's in reports.css (the page's CSP allows no inline styles).
const SOURCE_COLOURS = {
  NationalCenter: '#ef4444', ProvincialCenter: '#f59e0b', Bank: '#3b82f6', Telecom: '#a855f7', Internal: '#94a3b8',
};
const TIMES = [
  ['ackSeconds', 'report.ackSeconds'], ['firstContactSeconds', 'report.firstContactSeconds'],
  ['onSceneSeconds', 'report.onSceneSeconds'],
];

/** An SVG element with attributes; text children only. */
function s(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, v);
  e.append(...children.filter((c) => c != null).map(String));
  return e;
}

/** The attributes every chart's svg has: its size, its role and name, and data-chart for tests. */
const chartAttrs = (W, H, name, label) =>
  ({ viewBox: `0 0 ${W} ${H}`, role: 'img', 'data-chart': name, 'aria-label': t(label) });

const percent = (rate) => (rate == null ? '—' : formatNumber(rate, { style: 'percent', maximumFractionDigits: 1 }));
const minutes = (seconds) => (seconds == null ? '—' : formatNumber(seconds / 60, { maximumFractionDigits: 1 }));

async function start(me) {
  const state = { me, summary: null, posts: [] };
  state.posts = await api('GET', '/api/posts').catch(() => []);
  fillAreas(state);
  document.body.hidden = false;
  $('report-query').addEventListener('submit', (e) => { e.preventDefault(); load(state); });
  onLanguageChange(() => { fillAreas(state); render(state); });
  await load(state, true);
}

/** The caller's own area and every post below it, indented by depth. */
function fillAreas(state) {
  const byId = new Map(state.posts.map((p) => [p.postId, p]));
  const depthBelow = (p) => {
    let depth = 0;
    for (let q = p; q; q = byId.get(q.parentId)) { if (q.postId === state.me.areaId) return depth; depth++; }
    return -1;
  };
  const mine = state.posts.map((p) => [p, depthBelow(p)]).filter(([, d]) => d >= 0)
    .sort(([a], [b]) => a.postId.localeCompare(b.postId));
  const selected = $('q-area').value || state.me.areaId;
  $('q-area').replaceChildren(...mine.map(([p, d]) =>
    h('option', { value: p.postId, selected: p.postId === selected }, `${'\u2003'.repeat(d)}${p.name}`)));
}

function query(state, first) {
  const q = new URLSearchParams();
  if (!first) { q.set('from', $('q-from').value); q.set('to', $('q-to').value); }
  q.set('areaId', $('q-area').value || state.me.areaId);
  return q;
}

/** The first load asks for no dates: the server's today in the reporting time zone fills the pickers. */
async function load(state, first = false) {
  $('report-status').dataset.i18n = 'report.loading';
  $('report-status').textContent = t('report.loading');
  try {
    state.summary = await api('GET', `/api/reports/summary?${query(state, first)}`);
    $('q-from').value = state.summary.from;
    $('q-to').value = state.summary.to;
    $('report-status').textContent = '';
    delete $('report-status').dataset.i18n;
    render(state);
  } catch (e) {
    $('report-status').replaceChildren(h('span', { i18n: 'report.failed' }), ' ', data(e.message));
  }
}

function render(state) {
  const r = state.summary;
  if (!r) return;
  $('report').hidden = false;
  $('report').dataset.from = r.from;
  $('report').dataset.to = r.to;
  $('report-heading').textContent = `${r.areaName} · ${r.from === r.to ? r.from : `${r.from} – ${r.to}`}`;
  renderFigures(r);
  renderReceived(r);
  renderTimes(r);
  renderCompliance(r);
  renderTable(r);
  for (const [id, format] of [['download-csv', 'csv'], ['download-xlsx', 'xlsx']]) {
    const q = new URLSearchParams({ from: r.from, to: r.to, areaId: r.areaId, format, lang: language() });
    $(id).href = `/api/reports/summary?${q}`;
  }
}

function figure(name, label, value, note, cls) {
  return h('div', { class: `figure ${cls ?? ''}`, 'data-figure': name },
    h('b', { translate: 'no' }, value), h('span', { i18n: label }), note ? h('small', {}, note) : null);
}

function renderFigures(r) {
  const c = r.compliance248ByAreaType;
  $('figures').replaceChildren(
    figure('received', 'report.received', formatNumber(r.received)),
    figure('homeVisits', 'report.homeVisits', formatNumber(r.homeVisits)),
    figure('compliance248', 'report.compliance248', percent(r.compliance248),
      t('report.rateOf', { within: r.homeVisitsWithinDeadline, decided: r.homeVisits - r.homeVisitsPending })),
    figure('dissuasionRate', 'report.dissuasionRate', percent(r.dissuasionRate), null, 'ok'),
    figure('amountProtected', 'report.amountProtected', formatMoney(r.amountProtected), null, 'ok'),
    figure('defraudedAfterWarning', 'report.defraudedAfterWarning', formatNumber(r.defraudedAfterWarning),
      t('report.ofReceived', { rate: percent(r.defraudedAfterWarningRate) }), r.defraudedAfterWarning ? 'alarm' : ''),
    figure('breaches', 'report.breaches', formatNumber(r.breaches), null, r.breaches ? 'alarm' : ''),
    figure('rejected', 'report.rejected', formatNumber(r.rejected)),
  );
  $('figures').dataset.areaTypes = JSON.stringify(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.rate])));
}

/** Received per day, stacked by source. */
function renderReceived(r) {
  const W = 640, H = 240, left = 36, bottom = 36, top = 10;
  const max = Math.max(1, ...r.days.map((d) => d.received));
  const step = (W - left) / r.days.length;
  const bar = Math.max(2, Math.min(48, step * 0.7));
  const y = (n) => top + (H - top - bottom) * (1 - n / max);
  const every = Math.ceil(r.days.length / 10);
  const svg = s('svg', chartAttrs(W, H, 'received', 'report.chartReceived'),
    s('line', { class: 'axis', x1: left, y1: y(0), x2: W, y2: y(0) }),
    s('text', { x: left - 6, y: y(max) + 4, 'text-anchor': 'end' }, formatNumber(max)),
    s('text', { x: left - 6, y: y(0) + 4, 'text-anchor': 'end' }, '0'));
  r.days.forEach((d, i) => {
    const x = left + i * step + (step - bar) / 2;
    let base = 0;
    for (const source of SOURCES) {
      const n = d.bySource[source] ?? 0;
      if (!n) continue;
      svg.append(s('rect', { x, y: y(base + n), width: bar, height: y(base) - y(base + n), fill: SOURCE_COLOURS[source],
        'data-day': d.day, 'data-source': source, 'data-value': n },
      s('title', {}, `${d.day} ${t(`source.${source}`)}: ${n}`)));
      base += n;
    }
    const middle = { x: x + bar / 2, 'text-anchor': 'middle' };
    if (d.received) svg.append(s('text', { ...middle, y: y(d.received) - 3, 'data-total': d.day }, d.received));
    if (i % every === 0) svg.append(s('text', { ...middle, y: H - bottom + 16 }, d.day.slice(5)));
  });
  const legend = h('div', { class: 'legend' }, ...SOURCES.map((x) =>
    h('span', {}, h('i', { class: `src-${x}` }), h('span', { i18n: `source.${x}` }))));
  $('chart-received').replaceChildren(svg, legend);
}

/** p50 and p90 of each time, in minutes, side by side. */
function renderTimes(r) {
  const W = 640, H = 240, left = 36, bottom = 40, top = 16;
  const values = TIMES.flatMap(([k]) => [r[k].p50, r[k].p90]).filter((v) => v != null);
  const max = Math.max(60, ...values);
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  const group = (W - left) / TIMES.length;
  const bar = Math.min(60, group / 3);
  const svg = s('svg', chartAttrs(W, H, 'times', 'report.chartTimes'),
    s('line', { class: 'axis', x1: left, y1: y(0), x2: W, y2: y(0) }),
    s('text', { x: left - 6, y: y(max) + 4, 'text-anchor': 'end' }, minutes(max)));
  TIMES.forEach(([key, label], i) => {
    const x0 = left + i * group + (group - 2 * bar) / 2;
    [['p50', '#60a5fa'], ['p90', '#1d4ed8']].forEach(([p, colour], j) => {
      const v = r[key][p];
      const x = x0 + j * bar;
      if (v != null) {
        svg.append(s('rect', {
          x, y: y(v), width: bar - 4, height: y(0) - y(v), fill: colour, 'data-time': key, 'data-p': p, 'data-value': v,
        },
          s('title', {}, `${t(label)} ${p}: ${minutes(v)} ${t('report.minutes')}`)));
      }
      const top = (v != null ? y(v) : y(0)) - 4;
      svg.append(s('text', { x: x + (bar - 4) / 2, y: top, 'text-anchor': 'middle' }, `${p} ${minutes(v)}`));
    });
    svg.append(s('text', { x: x0 + bar, y: H - bottom + 18, 'text-anchor': 'middle' }, t(label)));
  });
  $('chart-times').replaceChildren(svg);
}

/** 248 compliance per post: one horizontal bar each, 0–100 %. */
function renderCompliance(r) {
  const rows = r.perPost.filter((p) => p.homeVisits > 0);
  if (!rows.length) {
    $('chart-compliance').replaceChildren(h('p', { class: 'muted', i18n: 'report.noData' }));
    return;
  }
  const W = 1280, row = 28, left = 320, H = rows.length * row + 8;
  const svg = s('svg', chartAttrs(W, H, 'compliance', 'report.chartCompliance'));
  rows.forEach((p, i) => {
    const y = 4 + i * row;
    const width = (W - left - 70) * (p.compliance248 ?? 0);
    svg.append(s('text', { x: left - 8, y: y + 17, 'text-anchor': 'end' }, p.name));
    svg.append(s('rect', { x: left, y: y + 4, width: W - left - 70, height: row - 10, fill: 'none', class: 'axis' }));
    const fill = (p.compliance248 ?? 0) >= 0.9 ? '#22c55e' : '#f59e0b';
    svg.append(s('rect', { x: left, y: y + 4, width, height: row - 10, fill,
      'data-post': p.postId, 'data-value': p.compliance248 ?? '' }));
    svg.append(s('text', { x: W - 64, y: y + 17 }, percent(p.compliance248)));
  });
  $('chart-compliance').replaceChildren(svg);
}

const COLUMNS = [
  ['report.post', (p) => p.name, 'post'],
  ['report.received', (p) => formatNumber(p.received)],
  ['report.resolved', (p) => formatNumber(p.resolved)],
  ['report.homeVisits', (p) => formatNumber(p.homeVisits)],
  ['report.compliance248', (p) => percent(p.compliance248)],
  ['report.ackSeconds', (p) => minutes(p.ackSeconds.p50)],
  ['report.firstContactSeconds', (p) => minutes(p.firstContactSeconds.p50)],
  ['report.onSceneSeconds', (p) => minutes(p.onSceneSeconds.p50)],
  ['report.breaches', (p) => formatNumber(p.breaches)],
  ['report.amountProtected', (p) => formatMoney(p.amountProtected)],
  ['report.defraudedAfterWarning', (p) => formatNumber(p.defraudedAfterWarning)],
  ['report.dissuasionRate', (p) => percent(p.dissuasionRate)],
];

function renderTable(r) {
  const table = $('per-post');
  table.tHead.replaceChildren(h('tr', {}, ...COLUMNS.map(([key], i) =>
    h('th', {}, h('span', { i18n: key }), i >= 5 && i <= 7 ? ` p50 (${t('report.minutes')})` : null))));
  table.tBodies[0].replaceChildren(...r.perPost.map((p) => h('tr', { 'data-post': p.postId },
    ...COLUMNS.map(([, value, cls]) => h('td', { class: cls ?? 'num', translate: 'no' }, value(p))))));
}

// Last, so that every declaration above is initialised before the page starts.
const me = await enterPage('DutyOfficer');
if (me) await start(me);
