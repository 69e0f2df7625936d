// The server's codes in the reader's language: history steps (code + parameters), their reasons, and the problems
// the task endpoints answer with. The server's English sentences (detail) are for upstream systems and logs; a
// console shows them only for a code this resource file does not know yet.

import { formatMoney, formatNumber, formatTime, has, language, t } from './i18n.js';
import { data, h } from './ui.js';

/** Parameters that name a value of an enumeration: translated through that enumeration's keys. */
const ENUMS = {
  result: 'call', outcome: 'outcome', source: 'source', kind: 'kind', riskLevel: 'risk', areaType: 'area',
  status: 'status',
};
const NUMBERS = new Set(['km', 'hours', 'percent', 'openTasks', 'minutesLate', 'count', 'warnings']);
/** Parameters that list values of an enumeration, comma-separated ("NationalCenter,Bank"). */
const LISTS = { sources: 'source' };
/** A call attempt's result is an AttemptResult, not a CallResult. */
const ATTEMPT_ENUMS = { ...ENUMS, result: 'attempt' };
/** A follow-up visit's result is a FollowUpResult. */
const FOLLOW_UP_ENUMS = { ...ENUMS, result: 'followUp.result' };
/** Contact indexes count from 0 on the wire and from 1 on screen, as the console numbers the contacts. */
const ORDINALS = new Set(['contact']);
const MONEY = new Set(['amount', 'threshold', 'amountLost']);
const TIMES = new Set(['deadline', 'occurredAt']);
const CLOCK = new Set(['time']);
/** Comma-separated names of a task's fields that an update carried (never their values). */
const FIELD_LISTS = new Set(['fields', 'stale']);

/**
 * A time the server gave in the instruction's own offset ("2026-11-21T10:15:00+08:00"), shown as the officers'
 * local clock time with its offset, whatever the browser's zone: the deadline on the ground is what counts.
 */
export function localTime(iso) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const offset = m[6] === 'Z' || m[6] === '+00:00' ? 'UTC' : `UTC${m[6]}`;
  return `${m[2]}-${m[3]} ${m[4]}:${m[5]} ${offset}`;
}

/** One parameter as the reader sees it: enumerations translated, numbers in the page's language, ids as data. */
function param(key, value, enums = ENUMS) {
  if (value == null) return data('—');
  if (enums[key] && has(`${enums[key]}.${value}`)) return t(`${enums[key]}.${value}`);
  if (LISTS[key]) return String(value).split(',').map((v) => (has(`${LISTS[key]}.${v}`) ? t(`${LISTS[key]}.${v}`) : v))
    .join(t('list.separator'));
  if (NUMBERS.has(key)) return formatNumber(Number(value));
  if (ORDINALS.has(key) && /^\d+$/.test(value)) return formatNumber(Number(value) + 1);
  if (MONEY.has(key)) return formatMoney(Number(value));
  if (TIMES.has(key)) return data(localTime(value), 'mono');
  if (CLOCK.has(key)) return data(formatTime(value), 'mono');
  if (FIELD_LISTS.has(key)) return fieldNames(value);
  return data(value); // officer and user ids, post names, region codes: shown as they are in every language
}

/** The resource string for key with its {placeholders} filled: text nodes, and data spans for what is data. */
export function fill(key, params = {}, enums = ENUMS) {
  return t(key).split(/(\{\w+\})/).filter(Boolean)
    .map((part) => { const m = /^\{(\w+)\}$/.exec(part); return m ? param(m[1], params[m[1]], enums) : part; });
}

const fieldNames = (list) => new Intl.ListFormat(language(), { type: 'conjunction' }).format(
  String(list).split(',').filter(Boolean).map((f) => (has(`updateField.${f}`) ? t(`updateField.${f}`) : f)));

const sentenceKey = (e) => {
  if (e.code === 'Updated' && !e.parameters?.fields) return 'historyDetail.UpdatedStale';
  if (e.code === 'Updated' && e.parameters?.stale) return 'historyDetail.UpdatedPartly';
  if (e.code === 'ArrivedOnScene' && e.parameters?.minutesLate != null) return 'historyDetail.ArrivedLate';
  if (e.code === 'Resolved' && e.parameters?.amount != null) return 'historyDetail.ResolvedAmount';
  if (e.code === 'HomeVisitRequired' && e.parameters?.user == null) return 'historyDetail.HomeVisitRequiredCase';
  if (e.code === 'ContactAttempted' && e.parameters?.contact === 'subject')
    return 'historyDetail.ContactAttemptedSubject';
  if (e.code === 'ContactAttempted' && e.parameters?.relation != null) return 'historyDetail.ContactAttemptedRelation';
  if (e.code === 'DefraudedAfterWarning' && e.parameters?.reportId == null)
    return 'historyDetail.DefraudedAfterWarningFollowUp';
  if (e.code === 'FollowUpRecorded' && e.parameters?.amountLost != null) return 'historyDetail.FollowUpRecordedAmount';
  return `historyDetail.${e.code}`;
};

/** True when this console knows the key and has every parameter its text names. */
const fits = (key, params) =>
  has(key) && [...t(key).matchAll(/\{(\w+)\}/g)].every((m) => params?.[m[1]] != null);

/**
 * What a history step says, then why: one sentence and its reasons, in the page's language. A step this console
 * cannot say (a code newer than it, an entry stored before steps had parameters) shows the server's English detail.
 */
export function historyText(e) {
  const key = sentenceKey(e);
  const reasons = e.reasons || [];
  if (!fits(key, e.parameters) || reasons.some((r) => !fits(`reason.${r.code}`, r.parameters))) return [data(e.detail)];
  const why = reasons.map((r) => fill(`reason.${r.code}`, r.parameters));
  // A home visit says why first ("call failed; visit by 10:15"), as the English detail does; other steps what first.
  const enums = { ContactAttempted: ATTEMPT_ENUMS, FollowUpRecorded: FOLLOW_UP_ENUMS }[e.code] ?? ENUMS;
  const said = fill(key, e.parameters, enums);
  const parts = e.code === 'HomeVisit' ? [...why, said] : [said, ...why];
  return parts.flatMap((p, i) => (i ? [t('history.reasonSeparator'), ...p] : p));
}

/** The name of a history step, or the code itself (as data) when this console does not know it yet. */
export const historyLabel = (e) =>
  (has(`history.${e.code}`) ? h('span', { i18n: `history.${e.code}` }) : data(e.code ?? e.action));

/**
 * Why the server refused a request (an ApiError), in the page's language: by the problem's code and parameters;
 * an answer without a code the console knows says only its HTTP status, never an untranslated sentence.
 */
export function problemText(error) {
  const p = error?.problem;
  if (p?.code && has(`problem.${p.code}`)) return fill(`problem.${p.code}`, p.parameters || {});
  return fill('problem.unknown', { status: String(error?.status ?? '') });
}

/**
 * The "updated" mark of a task upstream has updated (INTERFACE.md §7): when the newest value shown was learned
 * (lastUpdateAt) and which fields the latest update changed, e.g. "已更新 10:32 位置"; null before any update.
 */
export function updatedMark(task) {
  if (!task.lastUpdateAt) return null;
  const last = [...(task.history || [])].reverse().find((e) => e.code === 'Updated' && e.parameters?.fields);
  return h('span', { class: 'badge updated', 'data-updated-at': task.lastUpdateAt },
    ...fill('badge.updated', { time: task.lastUpdateAt, fields: last?.parameters.fields ?? '' }));
}
