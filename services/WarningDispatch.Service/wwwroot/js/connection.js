// No silent failure: while the live connection is lost, what the console shows may be out of date, and the officer
// must see that from across the room. A full-width banner ("data as of HH:mm:ss"), the page greyed through a `stale`
// class on <body> (the CSS does the greying, so the consoles' own rendering needs no change), until the connection is
// back and the tasks have been read again. hub.js reports the losses and the recovery; nothing else calls this.

import { formatTime, onLanguageChange } from './i18n.js';
import { h } from './ui.js';

// Until the first connection, the data is the page's own first read, made as it loaded.
let liveAt = Date.now();
let stale = false;

/** The connection is lost (offline, closed, reconnecting, keep-alives missed): the data was last known live at asOf. */
export function markStale(asOf = Date.now()) {
  if (stale) return; // the first loss dates the data; retries while away do not make it any newer
  stale = true;
  liveAt = Math.min(asOf, Date.now());
  render();
}

/** Connected again and the tasks re-read: the data is live. */
export function markLive() {
  liveAt = Date.now();
  if (!stale) return;
  stale = false;
  render();
}

export const isStale = () => stale;

function render() {
  document.body.classList.toggle('stale', stale);
  let el = document.getElementById('conn-banner');
  if (!el) {
    el = h('div', { id: 'conn-banner', class: 'conn-banner', role: 'alert' });
    document.body.prepend(el);
  }
  el.hidden = !stale;
  // The time is data (the same digits in every language); the sentence around it is translated.
  const time = formatTime(new Date(liveAt).toISOString(), true);
  el.dataset.asOf = new Date(liveAt).toISOString();
  el.replaceChildren(
    h('strong', { i18n: 'conn.lost' }),
    h('span', { class: 'conn-sep', 'aria-hidden': 'true' }, '·'),
    h('span', { class: 'conn-asof', i18n: 'conn.dataAsOf', i18nArgs: { time } }),
  );
}

onLanguageChange(() => { if (stale) render(); });
