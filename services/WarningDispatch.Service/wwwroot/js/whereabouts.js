// Where the person is, for the officer on the way: navigation links (the phone's own map app through geo:, and the
// map apps common in China, as the server's Consoles:NavigationLinks allows) and a small map of the spot. The links
// carry the coordinates and the instruction id only: the person's name or address is not sent to a map provider.

import { formatNumber } from './i18n.js';
import { data, h } from './ui.js';

const NS = 'http://www.w3.org/2000/svg';
const enc = encodeURIComponent;

/** Coordinates as the upstream gives them (WGS-84); the map apps are told so, as they default to their own datum. */
export function navigationLinks(location, label, which) {
  const { lat, lon } = location;
  const all = {
    geo: `geo:${lat},${lon}?q=${lat},${lon}(${enc(label)})`,
    amap: `https://uri.amap.com/marker?position=${lon},${lat}&name=${enc(label)}&coordinate=wgs84&src=warningdispatch`,
    baidu: `https://api.map.baidu.com/marker?location=${lat},${lon}&title=${enc(label)}&content=${enc(label)}`
      + '&output=html&coord_type=wgs84&src=webapp.warningdispatch',
  };
  return which.filter((k) => all[k]).map((k) => h('a', {
    class: `nav-link nav-${k}`, href: all[k], 'data-nav': k, i18n: `navigate.${k}`,
    target: k === 'geo' ? null : '_blank', rel: k === 'geo' ? null : 'noopener noreferrer',
  }));
}

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, String(v));
  if (text != null) e.textContent = text;
  return e;
}

/**
 * A small map without tiles (closed networks have none): a 200 m grid around the spot, the person's marker in the
 * middle, north up, a scale bar and the coordinates. Enough to tell the direction from a junction or a landmark.
 */
export function spotMap(location) {
  const W = 300, H = 150, STEP = 30; // 30 px = 200 m
  const map = svg('svg', { class: 'spot-map', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'data-lat': location.lat, 'data-lon': location.lon });
  const grid = svg('g', { class: 'grid' });
  for (let x = W / 2 % STEP; x <= W; x += STEP) grid.append(svg('line', { x1: x, y1: 0, x2: x, y2: H }));
  for (let y = H / 2 % STEP; y <= H; y += STEP) grid.append(svg('line', { x1: 0, y1: y, x2: W, y2: y }));
  map.append(grid,
    svg('circle', { class: 'spot-ring', cx: W / 2, cy: H / 2, r: 16 }),
    svg('path', { class: 'spot-pin', d: `M${W / 2} ${H / 2} l-8 -18 a9 9 0 1 1 16 0 z` }),
    svg('text', { class: 'north', x: W - 14, y: 18, 'text-anchor': 'middle' }, 'N'),
    svg('path', { class: 'north-arrow', d: `M${W - 14} 22 l-5 10 h10 z` }),
    svg('line', { class: 'scale', x1: 10, y1: H - 12, x2: 10 + STEP, y2: H - 12 }),
    svg('text', { class: 'scale-label', x: 10 + STEP + 6, y: H - 8 }, '200 m'));
  return h('figure', { class: 'spot' }, map,
    h('figcaption', {}, data(`${formatNumber(location.lat, { maximumFractionDigits: 6 })}, `
      + `${formatNumber(location.lon, { maximumFractionDigits: 6 })}`, 'mono')));
}

/** The links and the map for a located person; nothing when the instruction has no location. */
export function whereabouts(task, which) {
  const loc = task.subject?.location;
  if (!loc || loc.lat == null || loc.lon == null) return null;
  const links = navigationLinks(loc, task.instructionId, which);
  return h('section', { class: 'whereabouts' },
    links.length > 0 && h('div', { class: 'nav-links', role: 'group', i18nAttr: 'aria-label:navigate.title' }, links),
    spotMap(loc));
}
