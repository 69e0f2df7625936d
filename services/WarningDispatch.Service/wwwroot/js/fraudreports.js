// "Defrauded after warning" (预后被骗) on the consoles: the alarm badge and detail of a marked task, and the duty
// officer's list of fraud reports that matched no warning ("defrauded without a warning", GET /api/fraud-reports).

import { formatMoney, formatTime } from './i18n.js';
import { pagedList } from './paging.js';
import { data, h } from './ui.js';

const PAGE_SIZE = 20;
/** How long a resolved task that was marked stays on the board's list as an alarm. */
const ALARM_MS = 24 * 3600 * 1000;

/** When the task was first marked (its first DefraudedAfterWarning step), or null. */
function markedAt(task) {
  const step = (task.history || []).find((e) => e.code === 'DefraudedAfterWarning');
  return step ? Date.parse(step.at) : null;
}

/** A resolved task marked within the last day: back on the board's list, as an alarm. */
export const isRecentAlarm = (task, now = Date.now()) =>
  task.status === 'Resolved' && Boolean(task.defraudedAfterWarning) && now - (markedAt(task) ?? 0) < ALARM_MS;

export function defraudedBadge(task) {
  return task.defraudedAfterWarning
    ? h('span', { class: 'badge defrauded', 'data-flag': 'defrauded', i18n: 'badge.defrauded' })
    : null;
}

/** When, how much, and which report (or the follow-up) said so. */
export function defraudedSection(task) {
  const d = task.defraudedAfterWarning;
  if (!d) return null;
  const pairs = [
    ['defrauded.occurredAt', data(formatTime(d.occurredAt, true))],
    ['defrauded.amountLost', data(formatMoney(d.amountLost))],
    ['defrauded.reportId', d.reportId ? data(d.reportId, 'mono') : h('span', { i18n: 'defrauded.byFollowUp' })],
  ];
  return h('section', { class: 'fields defrauded', 'data-report-id': d.reportId ?? '' },
    h('h3', { i18n: 'detail.defrauded' }),
    h('dl', {}, pairs.map(([k, v]) => [h('dt', { i18n: k }), h('dd', {}, v)])));
}

/** Wires the card of unmatched fraud reports: loaded when opened, a page at a time, newest first. */
export function createUnmatchedReports(root) {
  const results = root.querySelector('.fraud-results');
  const error = root.querySelector('.fraud-error');

  const load = pagedList(root, {
    results, error, listClass: 'fraud-list', keys: { total: 'fraudReports.total', none: 'fraudReports.none' },
    url: (page) => `/api/fraud-reports?matched=false&page=${page}&pageSize=${PAGE_SIZE}`,
    row: ({ report }) => h('li', { 'data-report-id': report.reportId },
      data(formatTime(report.occurredAt, true), 'mono'),
      data(report.reportId, 'mono'),
      data(formatMoney(report.amountLost), 'amount'),
      h('span', { class: 'muted' }, h('span', { i18n: 'fraudReports.person' }), ' ',
        data([report.subject.name, report.subject.phone, report.subject.idNumber].filter(Boolean).join(' · '))),
      report.fraudType ? data(report.fraudType, 'muted') : null),
  });

  return { open: () => load(1) };
}
