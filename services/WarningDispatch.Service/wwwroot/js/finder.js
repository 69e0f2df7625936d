// Finding any task of the area, closed ones too (GET /api/tasks/search): by day range, instruction id, case or —
// for a duty officer who may see personal data — the person's phone; a page at a time; a result opens in the detail.

import { api } from './api.js';
import { problemText } from './codes.js';
import { formatNumber, formatTime } from './i18n.js';
import { data, h } from './ui.js';

const PAGE_SIZE = 20;

/** The centre's today (Asia/Shanghai) as YYYY-MM-DD, whatever the browser's zone. */
const centreToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Wires the finder card. onOpen(snapshot) shows a found task; me.seesPersonalData decides whether the phone field
 * is offered at all (the server refuses it otherwise).
 */
export function createFinder(root, { me, onOpen }) {
  const $ = (name) => root.querySelector(`[name="${name}"]`);
  const form = root.querySelector('form');
  const results = root.querySelector('.finder-results');
  const error = root.querySelector('.finder-error');
  let query = null;

  $('from').value = centreToday();
  $('to').value = centreToday();
  root.querySelector('.finder-phone').hidden = !me.seesPersonalData;

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
    for (const name of ['instructionId', 'caseId', 'phone']) {
      const value = $(name)?.value.trim();
      if (value) q.set(name, value);
    }
    // A day range alone lists the days; with an id, case or phone it only narrows them when asked to.
    const named = ['instructionId', 'caseId', 'phone'].some((n) => q.has(n));
    if (!named || $('narrow').checked) {
      if ($('from').value) q.set('from', $('from').value);
      if ($('to').value) q.set('to', $('to').value);
    }
    query = q;
    load(1);
  });

  async function load(page) {
    error.hidden = true;
    query.set('page', String(page));
    root.setAttribute('aria-busy', 'true');
    try {
      show(await api('GET', `/api/tasks/search?${query}`));
    } catch (e) {
      error.replaceChildren(...(e.status === 0 ? [h('span', { i18n: 'error.offline' })] : problemText(e)));
      error.hidden = false;
    } finally {
      root.removeAttribute('aria-busy');
    }
  }

  function show(found) {
    const pages = Math.max(1, Math.ceil(found.total / found.pageSize));
    const rows = found.items.map((task) => h('li', {
      'data-task-id': task.taskId, 'data-instruction-id': task.instructionId, tabindex: 0,
      onclick: () => onOpen(task),
      onkeydown: (e) => { if (e.key === 'Enter') onOpen(task); },
    },
    data(formatTime(task.receivedAt, true), 'mono'),
    data(task.instructionId, 'mono'),
    h('span', { class: `step st-${task.status}`, i18n: `status.${task.status}` }),
    task.outcome ? h('span', { class: 'muted', i18n: `outcome.${task.outcome}` }) : null));
    results.replaceChildren(
      h('p', { class: 'muted small', 'data-total': found.total, i18n: 'finder.total',
        i18nArgs: { total: formatNumber(found.total), page: formatNumber(found.page), pages: formatNumber(pages) } }),
      found.items.length ? h('ol', { class: 'finder-list' }, rows) : h('p', { class: 'empty', i18n: 'finder.none' }),
      h('div', { class: 'row pager' },
        h('button', { type: 'button', class: 'ghost', 'data-page': 'previous', i18n: 'finder.previous',
          disabled: found.page <= 1, onclick: () => load(found.page - 1) }),
        h('button', { type: 'button', class: 'ghost', 'data-page': 'next', i18n: 'finder.next',
          disabled: found.page >= pages, onclick: () => load(found.page + 1) })));
  }
}
