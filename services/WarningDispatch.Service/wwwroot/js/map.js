// The region map, drawn as SVG from the posts' own coordinates: no tile server, no internet, works in a closed network.
// Equirectangular projection corrected by cos(latitude), which is accurate enough across one city's few hundred km.
// Layers: hierarchy links, posts (stations small squares, centres circles), officers on duty (green count beside each
// post), tasks (dots coloured by step, sized by risk, pulsing when overdue).

const NS = 'http://www.w3.org/2000/svg';
const W = 640, H = 440, PAD = 34;
const KM_PER_DEG = 111.32;

function el(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

const shortName = (name) => (name ? name.replace(/公安局.*$/, '') : '');

export function createMap(svg, { onSelect }) {
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  const layers = Object.fromEntries(['links', 'posts', 'labels', 'officers', 'tasks', 'scale'].map((name) => {
    const g = el('g', { class: `layer-${name}` });
    svg.append(g);
    return [name, g];
  }));
  let project = () => [W / 2, H / 2];
  let byId = new Map();
  let pxPerKm = 1;

  function setPosts(posts) {
    byId = new Map(posts.map((p) => [p.postId, p]));
    if (!posts.length) return;
    const lats = posts.map((p) => p.lat), lons = posts.map((p) => p.lon);
    const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats),
      Math.min(...lons), Math.max(...lons)];
    const kx = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
    const spanX = Math.max((maxLon - minLon) * kx, 0.01), spanY = Math.max(maxLat - minLat, 0.01);
    const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
    const offX = (W - spanX * scale) / 2, offY = (H - spanY * scale) / 2;
    project = (lat, lon) => [offX + (lon - minLon) * kx * scale, offY + (maxLat - lat) * scale];
    pxPerKm = scale / KM_PER_DEG;

    layers.links.replaceChildren();
    layers.posts.replaceChildren();
    layers.labels.replaceChildren();
    for (const p of posts) {
      const parent = byId.get(p.parentId);
      if (parent) {
        const [x1, y1] = project(p.lat, p.lon), [x2, y2] = project(parent.lat, parent.lon);
        layers.links.append(el('line', { x1, y1, x2, y2, class: `link ${p.level}` }));
      }
    }
    for (const p of posts) {
      const [x, y] = project(p.lat, p.lon);
      const title = el('title', {}, p.name);
      const shape = p.level === 'Station'
        ? el('rect', { x: x - 3.5, y: y - 3.5, width: 7, height: 7, class: `post ${p.areaType}`,
          'data-post-id': p.postId })
        : el('circle', { cx: x, cy: y, r: p.level === 'City' ? 9 : 6.5, class: `centre ${p.level}`,
          'data-post-id': p.postId });
      shape.append(title);
      layers.posts.append(shape);
      if (p.level !== 'Station') layers.labels.append(
        el('text', { x, y: y - 11, class: `label ${p.level}`, translate: 'no' }, shortName(p.name)));
    }
    drawScale();
  }

  function drawScale() {
    const km = [5, 10, 20, 50].find((k) => k * pxPerKm >= 60) ?? 50;
    const len = km * pxPerKm, x = 14, y = H - 14;
    layers.scale.replaceChildren(
      el('path', { d: `M${x} ${y - 5}V${y}H${x + len}V${y - 5}`, class: 'scale' }),
      el('text', { x: x + len + 6, y, class: 'scale-label', translate: 'no' }, `${km} km`));
  }

  /** Where a task is drawn: the person's location, else the post, else the centre that sees it. */
  function where(task) {
    if (task.subject?.location) return project(task.subject.location.lat, task.subject.location.lon);
    const p = byId.get(task.postId) ?? (task.areaIds || []).map((a) => byId.get(a)).find(Boolean);
    return p ? project(p.lat, p.lon) : null;
  }

  function update({ tasks, officers, selected }) {
    const onDuty = new Map();
    for (const o of officers) if (o.onDuty) onDuty.set(o.postId, (onDuty.get(o.postId) ?? 0) + 1);
    layers.officers.replaceChildren(...[...onDuty].filter(([id]) => byId.has(id)).map(([id, n]) => {
      const p = byId.get(id);
      const [x, y] = project(p.lat, p.lon);
      const g = el('g', { class: 'officers', 'data-post-id': id });
      g.append(el('circle', { cx: x + 8, cy: y - 8, r: 5.5 }),
        el('text', { x: x + 8, y: y - 5.5, translate: 'no' }, String(n)));
      return g;
    }));

    // Tasks at the same spot fan out around it so every one stays clickable.
    const seen = new Map();
    const now = Date.now();
    layers.tasks.replaceChildren(...tasks.map((task) => {
      const at = where(task);
      if (!at) return null;
      const key = `${Math.round(at[0] / 6)}:${Math.round(at[1] / 6)}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      const angle = n * 2.4, radius = n ? 6 + 2 * Math.sqrt(n) : 0;
      const [x, y] = [at[0] + radius * Math.cos(angle), at[1] + radius * Math.sin(angle)];
      const overdue = task.deadline && Date.parse(task.deadline) < now;
      const c = el('circle', {
        cx: x.toFixed(1), cy: y.toFixed(1), r: task.riskLevel === 'High' ? 7 : task.riskLevel === 'Medium' ? 5.5 : 4.5,
        class: ['task', `st-${task.status}`, `risk-${task.riskLevel}`, overdue && 'overdue',
          task.taskId === selected && 'selected'].filter(Boolean).join(' '),
        'data-task-id': task.taskId, tabindex: 0,
      });
      c.append(el('title', {}, task.instructionId));
      c.addEventListener('click', () => onSelect(task.taskId));
      c.addEventListener('keydown', (e) => { if (e.key === 'Enter') onSelect(task.taskId); });
      return c;
    }).filter(Boolean));
  }

  return { setPosts, update };
}
