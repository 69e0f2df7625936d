// Finding any task of the area, closed ones too (GET /api/tasks/search): by day range, instruction id, case or —
// for a duty officer who may see personal data — the person's phone; a page at a time; a result opens in the detail.

import { formatTime } from './i18n.js';
import { pagedList } from './paging.js';
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

  const load = pagedList(root, {
    results, error, listClass: 'finder-list', keys: { total: 'finder.total', none: 'finder.none' },
    url: (page) => { query.set('page', String(page)); return `/api/tasks/search?${query}`; },
    row: (task) => h('li', {
      'data-task-id': task.taskId, 'data-instruction-id': task.instructionId, tabindex: 0,
      onclick: () => onOpen(task),
      onkeydown: (e) => { if (e.key === 'Enter') onOpen(task); },
    },
    data(formatTime(task.receivedAt, true), 'mono'),
    data(task.instructionId, 'mono'),
    h('span', { class: `step st-${task.status}`, i18n: `status.${task.status}` }),
    task.outcome ? h('span', { class: 'muted', i18n: `outcome.${task.outcome}` }) : null),
  });
}
