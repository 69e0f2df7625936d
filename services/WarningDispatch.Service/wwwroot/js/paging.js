// One page of a server list at a time (answers of the shape { items, page, pageSize, total }): the count line, the
// rows, previous / next, and the server's reason in the page's language when a page cannot be read.

import { api } from './api.js';
import { problemText } from './codes.js';
import { formatNumber } from './i18n.js';
import { h } from './ui.js';

/**
 * Wires a paged list into results/error elements. url(page) says what to read; row(item) draws one item. Keys:
 * total ({total}, {page}, {pages}) and none. Returns load(page).
 */
export function pagedList(root, { results, error, url, row, listClass, keys }) {
  async function load(page) {
    error.hidden = true;
    root.setAttribute('aria-busy', 'true');
    try {
      show(await api('GET', url(page)));
    } catch (e) {
      results.replaceChildren();
      error.replaceChildren(...(e.status === 0 ? [h('span', { i18n: 'error.offline' })] : problemText(e)));
      error.hidden = false;
    } finally {
      root.removeAttribute('aria-busy');
    }
  }

  function show(found) {
    const pages = Math.max(1, Math.ceil(found.total / found.pageSize));
    results.replaceChildren(
      h('p', { class: 'muted small', 'data-total': found.total, i18n: keys.total,
        i18nArgs: { total: formatNumber(found.total), page: formatNumber(found.page), pages: formatNumber(pages) } }),
      found.items.length
        ? h('ol', { class: listClass }, found.items.map(row))
        : h('p', { class: 'empty', i18n: keys.none }),
      h('div', { class: 'row pager' },
        h('button', { type: 'button', class: 'ghost', 'data-page': 'previous', i18n: 'finder.previous',
          disabled: found.page <= 1, onclick: () => load(found.page - 1) }),
        h('button', { type: 'button', class: 'ghost', 'data-page': 'next', i18n: 'finder.next',
          disabled: found.page >= pages, onclick: () => load(found.page + 1) })));
  }

  return load;
}
