// Small pieces every page shares: building DOM safely, the page header (user, connection, language, sign-out),
// and the role guard that sends each user to their console.

import { api, whoAmI } from './api.js';
import { initI18n, language, otherLanguage, setLanguage, t } from './i18n.js';

/**
 * Builds an element with text nodes only, so data from the server can never inject markup.
 * Props: class, i18n (resource key: text + data-i18n), i18nArgs, i18nAttr ("aria-label:key;title:key"),
 * on<event> handlers, anything else as an attribute (null/false skipped, true as empty).
 */
export function h(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'i18n') {
      e.dataset.i18n = v;
      if (props.i18nArgs) e.dataset.i18nArgs = JSON.stringify(props.i18nArgs);
      e.textContent = t(v, props.i18nArgs);
    } else if (k === 'i18nArgs') {
      // handled with i18n
    } else if (k === 'i18nAttr') {
      e.dataset.i18nAttr = v;
      for (const pair of v.split(';')) {
        const [attr, key] = pair.split(':');
        e.setAttribute(attr, t(key));
      }
    } else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.flat(Infinity).filter((c) => c != null && c !== false)
    .map((c) => (c instanceof Node ? c : String(c))));
  return e;
}

/** Data shown as is in every language (names, ids, numbers): marked so a translator — or a test — leaves it alone. */
export const data = (text, cls) => h('span', { translate: 'no', class: cls }, text ?? '—');

/**
 * Signs the page in: loads the language, checks the session and the role, wires the header.
 * Field officers belong on console.html, duty officers on board.html; anyone else goes back to sign in.
 */
export async function enterPage(role) {
  await initI18n();
  const me = await whoAmI().catch(() => null);
  if (!me) { location.replace('index.html'); return null; }
  if (me.role !== role) { location.replace(me.role === 'FieldOfficer' ? 'console.html' : 'board.html'); return null; }
  wireHeader(me);
  return me;
}

function wireHeader(me) {
  const name = document.getElementById('user-name');
  if (name) name.textContent = me.displayName ?? me.username;
  wireLanguageSwitch();
  document.getElementById('sign-out')?.addEventListener('click', async () => {
    await api('POST', '/api/auth/logout').catch(() => {});
    location.replace('index.html');
  });
}

/** The switch names the other language in that language ("English" / "中文"), so anyone can find it. */
export function wireLanguageSwitch() {
  const btn = document.getElementById('lang-switch');
  if (!btn) return;
  const label = () => {
    const other = otherLanguage();
    btn.textContent = other === 'en' ? 'English' : '中文';
    btn.lang = other;
    btn.dataset.lang = other;
  };
  label();
  btn.addEventListener('click', async () => { await setLanguage(otherLanguage()); label(); });
}

/** The connection pill: data-state is what tests and CSS read; the text is for people. */
export function showConnection(state) {
  const el = document.getElementById('connection');
  if (!el) return;
  el.dataset.state = state;
  el.dataset.i18n = `conn.${state}`;
  el.textContent = t(`conn.${state}`);
}

/**
 * A short message in the page's live region, replacing the previous one. Given as a resource key (and arguments) so
 * that a language switch while it is shown translates it too; detail follows it: nodes already in the page's language
 * (e.g. a refusal translated by its code), or text shown as data.
 */
export function notify(key, args, kind = 'info', ms = 6000, detail = null) {
  const el = document.getElementById('notice');
  if (!el) return;
  const more = detail == null ? null : typeof detail === 'string' ? data(detail) : h('span', {}, detail);
  el.replaceChildren(...[h('span', { i18n: key, i18nArgs: args }), more && ' ', more].filter(Boolean));
  el.dataset.kind = kind;
  el.hidden = false;
  clearTimeout(notify.timer);
  if (ms) notify.timer = setTimeout(() => { el.hidden = true; }, ms);
}

export { language };
