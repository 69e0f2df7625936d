// Every visible string comes from one resource file per language: i18n/zh-CN.json (default) and i18n/en.json.
// Elements carry their key in data-i18n (and data-i18n-args for {placeholders}), attributes in
// data-i18n-attr="placeholder:key;aria-label:key", so a language switch re-translates the whole page in place.
// Text that is data (names, post names, server reasons) is marked translate="no" and left alone.

const STORAGE_KEY = 'wd.lang';
export const LANGUAGES = ['zh-CN', 'en'];
export const DEFAULT_LANGUAGE = 'zh-CN';

let current = DEFAULT_LANGUAGE;
let strings = {};
const listeners = new Set();

function stored() {
  try { return localStorage.getItem(STORAGE_KEY); } catch { return null; } // private mode may refuse storage
}

async function load(lang) {
  const res = await fetch(`i18n/${lang}.json`, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`i18n/${lang}.json: HTTP ${res.status}`);
  return res.json();
}

/** Loads the remembered language (zh-CN when none) and translates the page. */
export async function initI18n() {
  const wanted = LANGUAGES.includes(stored()) ? stored() : DEFAULT_LANGUAGE;
  await use(wanted);
}

async function use(lang) {
  strings = await load(lang);
  current = lang;
  document.documentElement.lang = lang;
  translate(document);
  for (const fn of listeners) fn(lang);
  document.documentElement.dataset.lang = lang; // "translated": set last, so a test (or CSS) can wait for it
}

export const language = () => current;
export const otherLanguage = () => (current === 'zh-CN' ? 'en' : 'zh-CN');

export async function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) return;
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* still switch for this page */ }
  await use(lang);
}

/** Called after every switch, so pages can re-render what they format themselves (numbers, times). */
export const onLanguageChange = (fn) => listeners.add(fn);

/** The string for key, with {name} placeholders filled in. A missing key shows itself, loudly, rather than nothing. */
export function t(key, args) {
  let s = strings[key];
  if (s == null) {
    console.warn(`i18n: no "${key}" in ${current}`);
    s = key;
  }
  return args ? s.replace(/\{(\w+)\}/g, (m, name) => (args[name] ?? m)) : s;
}

/** True when the resource file has the key (for server codes that may be new to this console). */
export const has = (key) => Object.prototype.hasOwnProperty.call(strings, key);

/** Re-translates every marked element under root. */
export function translate(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const args = el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : undefined;
    el.textContent = t(el.dataset.i18n, args);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
  const title = document.querySelector('title[data-i18n]');
  if (title) document.title = title.textContent;
}

/** Numbers and money in the page's language. */
export const formatNumber = (n, opts) => new Intl.NumberFormat(current, opts).format(n);
export const formatMoney = (n) => new Intl.NumberFormat(current,
  { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }).format(n);

/** Clock time (and date when not today) in the page's language, 24-hour. */
export function formatTime(iso, withSeconds = false) {
  if (!iso) return '';
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return d.toLocaleString(current, {
    hour12: false, hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}),
    ...(today ? {} : { month: '2-digit', day: '2-digit' }),
  });
}
