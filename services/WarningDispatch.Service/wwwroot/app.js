// WarningDispatch console: one ES module, no dependencies, no network beyond this origin.
const $ = (sel) => document.querySelector(sel);

const STATUS = { Unrouted: '未分派 Unrouted', Assigned: '待签收 Assigned', PhoneWarning: '电话劝阻 Phone', HomeVisit: '上门劝阻 Home visit', Resolved: '已办结 Resolved' };
const RISK = { High: '高 High', Medium: '中 Medium', Low: '低 Low' };
const RISK_RANK = { High: 0, Medium: 1, Low: 2 };
const DEADLINE_KIND = { Acknowledge: '签收 ack', Call: '电话 call', HomeVisit: '上门 visit' };
const ROLE = { DutyOfficer: '值班员 Duty officer', FieldOfficer: '民警 Field officer' };
const CALL_RESULTS = [['ReachedAndDissuaded', '已劝阻 Dissuaded'], ['Busy', '占线 Busy'], ['NoAnswer', '无人接听 No answer'],
  ['Unreachable', '无法接通 Unreachable'], ['Refuses', '拒绝 Refuses'], ['StillAtRisk', '仍有风险 Still at risk']];
const OUTCOMES = [['Dissuaded', '劝阻成功 Dissuaded'], ['FundsProtected', '资金保护 Funds protected'], ['AlreadyDefrauded', '已被骗 Already defrauded'],
  ['PersonNotFound', '未找到人 Person not found'], ['FalseAlarm', '误报 False alarm']];
const NEEDS_AMOUNT = new Set(['FundsProtected', 'AlreadyDefrauded']);
const RESOLVED_LINGER_MS = 60_000; // a resolved task stays a minute, so the officer sees the result land, then leaves
const FRESH_MS = 4_000;            // how long a newly arrived row stays highlighted
const BACKOFF_MS = [1000, 2000, 5000, 10000];
const RS = '\u001e';               // SignalR record separator

const state = { me: null, loaded: false, selected: null, tasks: new Map(), posts: new Map(), officers: new Map(), fresh: new Map(), resolvedAt: new Map() };

// ---------- small helpers ----------

// Builds DOM with text nodes only, so server data can never inject markup.
function h(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.flat(Infinity).filter((c) => c != null && c !== false).map((c) => (c instanceof Node ? c : String(c))));
  return e;
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID exists only in secure contexts; a phone on plain http over the LAN still has getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const fmtTime = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }) : null);
const postName = (id) => (id ? state.posts.get(id)?.name ?? id : '—');
const officerName = (id) => (id ? (state.officers.get(id)?.name ? `${state.officers.get(id).name} ${id}` : id) : '—');
const isMasked = (phone) => !phone || phone.includes('*');

function countdown(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${ms < 0 ? '-' : ''}${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

class ApiError extends Error { constructor(status, message) { super(message); this.status = status; } }

// Problem details: detail is meant for the user; validation problems carry their reasons in errors.
function problemText(p) {
  if (!p || typeof p !== 'object') return null;
  const errors = p.errors ? Object.entries(p.errors).map(([k, v]) => `${k}: ${[].concat(v).join(', ')}`).join('; ') : '';
  return p.detail || errors || p.title || null;
}

async function api(method, path, body) {
  const res = await fetch(path, { method, credentials: 'same-origin', headers: body ? { 'Content-Type': 'application/json' } : {}, body: body && JSON.stringify(body) });
  if (res.status === 401 && !path.startsWith('/api/auth/login')) {
    signedOut();
    throw new ApiError(401, '请重新登录 Please sign in again');
  }
  let data = null;
  try { data = JSON.parse(await res.text()); } catch { /* empty or not JSON */ }
  if (!res.ok) throw new ApiError(res.status, problemText(data) || `HTTP ${res.status}`);
  return data;
}

// ---------- task list: versioned, so late or duplicate pushes never roll a task back ----------

function upsert(task, live) {
  const held = state.tasks.get(task.taskId);
  if (held && held.version >= task.version) return;
  if (!held && live && state.loaded) state.fresh.set(task.taskId, Date.now());
  state.tasks.set(task.taskId, task);
  if (task.status === 'Resolved' && !state.resolvedAt.has(task.taskId)) state.resolvedAt.set(task.taskId, Date.now());
}

function withdraw(w) {
  const held = state.tasks.get(w.taskId);
  if (held && w.version >= held.version) state.tasks.delete(w.taskId);
}

// Pushes that arrive while the list is being fetched are applied at once and replayed on top of the fetched list.
let pushBuffer = null;
let fetchSeq = 0;

async function refetchTasks() {
  const seq = ++fetchSeq;
  pushBuffer ??= [];
  try {
    const list = await api('GET', '/api/tasks?status=active');
    if (seq !== fetchSeq) return; // a newer fetch is on its way
    const old = state.tasks;
    state.tasks = new Map();
    state.resolvedAt.clear();
    for (const t of list) upsert(t, false);
    // Tasks that came in while we were disconnected get the same cue as live ones.
    if (state.loaded) for (const id of state.tasks.keys()) if (!old.has(id)) state.fresh.set(id, Date.now());
    state.loaded = true;
    const replay = pushBuffer;
    pushBuffer = null;
    for (const [target, args] of replay) onPush(target, args, false);
  } catch (e) {
    if (seq === fetchSeq) pushBuffer = null;
    console.warn('task list fetch failed', e);
  }
  render();
}

function onPush(target, args, live = true) {
  if (live && pushBuffer) pushBuffer.push([target, args]);
  // The server may send PascalCase or camelCase method names; SignalR matches them case-insensitively.
  const t = String(target).toLowerCase();
  if (t === 'taskchanged' && args[0]) upsert(args[0], live);
  else if (t === 'taskwithdrawn' && args[0]) withdraw(args[0]);
  if (live) render();
}

// ---------- minimal SignalR client: WebSockets, JSON protocol, skipNegotiation ----------

const hub = { ws: null, ready: false, wanted: false, attempt: 0, timer: null, lastRx: 0, buf: '' };

function connectHub() {
  clearTimeout(hub.timer);
  if (!hub.wanted || hub.ws) return;
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/hubs/tasks');
  Object.assign(hub, { ws, ready: false, buf: '', lastRx: Date.now() });
  ws.onopen = () => ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + RS);
  ws.onmessage = (ev) => {
    hub.lastRx = Date.now();
    const parts = (hub.buf + ev.data).split(RS);
    hub.buf = parts.pop(); // an incomplete tail waits for the next frame
    for (const part of parts) {
      let msg;
      try { msg = JSON.parse(part); } catch { continue; }
      if (!hub.ready) {
        if (msg.error) { console.warn('hub handshake refused', msg.error); dropHub(ws); return; }
        hub.ready = true; hub.attempt = 0;
        setConnection(true);
        refetchTasks(); // whatever happened while we were away
      } else if (msg.type === 1) onPush(msg.target, msg.arguments || []);
      else if (msg.type === 7) { dropHub(ws); return; }
      // type 6 (ping) needs no answer; lastRx is enough.
    }
  };
  ws.onclose = ws.onerror = () => dropHub(ws);
}

function dropHub(ws, reconnect = true) {
  if (hub.ws !== ws) return;
  ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
  try { ws.close(); } catch { /* already closed */ }
  Object.assign(hub, { ws: null, ready: false });
  setConnection(false);
  if (!reconnect || !hub.wanted) return;
  const delay = BACKOFF_MS[Math.min(hub.attempt++, BACKOFF_MS.length - 1)];
  hub.timer = setTimeout(async () => {
    // A WebSocket cannot report a 401, so ask first whether the cookie still holds; api() signs out on 401.
    try { await api('GET', '/api/auth/me'); } catch (e) { if (e.status === 401) return; }
    connectHub();
  }, delay);
}

// Keep-alive: the server drops a silent client after 30 s; a phone's dead socket may never report a close.
setInterval(() => {
  if (!hub.ws || !hub.ready) return;
  if (Date.now() - hub.lastRx > 35_000) return dropHub(hub.ws);
  try { hub.ws.send(JSON.stringify({ type: 6 }) + RS); } catch { dropHub(hub.ws); }
}, 15_000);

window.addEventListener('online', () => { if (hub.wanted && !hub.ws) { hub.attempt = 0; connectHub(); } });

function setConnection(up) {
  Object.assign($('#connection'), { textContent: up ? '已连接 connected' : '断开 reconnecting…' }).dataset.state = up ? 'connected' : 'disconnected';
}

// ---------- rendering ----------

// Overdue first (earliest deadline), then soonest; no deadline last; lingering resolved tasks at the bottom.
function byUrgency(a, b) {
  const ra = a.status === 'Resolved', rb = b.status === 'Resolved';
  if (ra !== rb) return ra ? 1 : -1;
  const da = a.deadline ? Date.parse(a.deadline) : Infinity, db = b.deadline ? Date.parse(b.deadline) : Infinity;
  if (da !== db) return da - db;
  return (RISK_RANK[a.riskLevel] ?? 3) - (RISK_RANK[b.riskLevel] ?? 3) || Date.parse(a.receivedAt) - Date.parse(b.receivedAt);
}

function visitBadge(t) {
  const w = Math.max(0, ...(t.visitWarnings || []));
  return w ? h('span', { class: `badge visit-${w}`, 'data-visit': w }, w >= 100 ? '超时 breached' : `${w}%`) : null;
}

function rowFor(t) {
  const cls = [`st-${t.status}`, state.fresh.has(t.taskId) && 'fresh', state.selected === t.taskId && 'selected'].filter(Boolean).join(' ');
  return h('tr', {
    class: cls, tabindex: 0, 'data-task-id': t.taskId, 'data-version': t.version, 'data-status': t.status,
    onclick: () => select(t.taskId), onkeydown: (e) => { if (e.key === 'Enter') select(t.taskId); },
  },
  h('td', {}, h('span', { class: `badge risk risk-${t.riskLevel}` }, RISK[t.riskLevel] ?? t.riskLevel)),
  h('td', {}, STATUS[t.status] ?? t.status),
  h('td', { class: 'mono' }, t.instructionId),
  h('td', { class: 'post' }, postName(t.postId)),
  h('td', {}, officerName(t.officerId)),
  h('td', { class: 'deadline mono', 'data-deadline': t.deadline || '', title: DEADLINE_KIND[t.deadlineKind] }),
  h('td', {}, visitBadge(t)),
  h('td', {}, t.needsDutyOfficer && h('span', { class: 'badge flag', 'data-flag': 'needs-duty-officer', title: '需值班员处置 needs duty officer' }, '⚑ 值班')),
  h('td', { class: 'mono' }, t.subject?.phone ?? '—'));
}

function render() {
  if (!state.me) return;
  const list = [...state.tasks.values()].sort(byUrgency);
  $('#task-rows').replaceChildren(...list.map(rowFor));
  $('#empty').hidden = list.length > 0;
  $('#task-count').textContent = `(${list.length})`;
  renderDetail();
  tick();
}

// Once a second: countdowns, fading the new-row cue, dropping resolved tasks.
function tick() {
  const now = Date.now();
  let dropped = false;
  for (const [id, at] of state.resolvedAt) {
    if (now - at > RESOLVED_LINGER_MS) { state.tasks.delete(id); state.resolvedAt.delete(id); dropped = true; }
  }
  for (const [id, at] of state.fresh) {
    if (now - at > FRESH_MS) { state.fresh.delete(id); document.querySelector(`tr[data-task-id="${CSS.escape(id)}"]`)?.classList.remove('fresh'); }
  }
  for (const el of document.querySelectorAll('[data-deadline]')) {
    const d = el.dataset.deadline;
    const ms = d ? Date.parse(d) - now : 0;
    el.textContent = d ? countdown(ms) : '—';
    el.classList.toggle('overdue', Boolean(d) && ms < 0);
  }
  if (dropped) render();
}
setInterval(tick, 1000);

function fields(title, pairs) {
  const shown = pairs.filter(([, v]) => v != null && v !== '' && v !== false);
  return shown.length ? h('section', {}, h('h3', {}, title), h('dl', {}, shown.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))) : null;
}

function renderDetail() {
  const panel = $('#detail');
  const t = state.tasks.get(state.selected);
  if (!t) { panel.hidden = true; state.selected = null; return; }
  // Re-render only when the task changed, so a half-filled form is not wiped every second.
  if (!panel.hidden && panel.dataset.taskId === t.taskId && panel.dataset.version === String(t.version)) return;
  Object.assign(panel.dataset, { taskId: t.taskId, version: String(t.version), status: t.status });
  panel.hidden = false;
  const s = t.subject || {}, c = t.context || {};
  $('#detail-title').textContent = `${t.instructionId} · ${STATUS[t.status] ?? t.status}`;
  $('#detail-body').replaceChildren(...[
    h('p', { class: 'summary' }, h('span', { class: `badge risk risk-${t.riskLevel}` }, RISK[t.riskLevel]), ' ',
      t.deadline && [DEADLINE_KIND[t.deadlineKind] ?? '时限', ' ', h('span', { class: 'mono', 'data-deadline': t.deadline })], ' ', visitBadge(t),
      t.needsDutyOfficer && h('span', { class: 'badge flag' }, '⚑ 需值班员 needs duty officer')),
    actionsFor(t),
    fields('对象 Subject', [
      ['姓名 Name', s.name],
      ['电话 Phone', isMasked(s.phone) ? s.phone : h('a', { href: `tel:${s.phone}`, id: 'subject-phone' }, s.phone)],
      ['地址 Address', s.address], ['区划 Region', s.regionCode],
      ['位置 Location', s.location && `${s.location.lat}, ${s.location.lon}`],
    ]),
    fields('指令 Instruction', [
      ['任务 Task', t.taskId], ['来源 Source', t.source], ['类型 Kind', t.kind], ['诈骗类型 Fraud type', t.fraudType],
      ['岗位 Post', postName(t.postId)], ['民警 Officer', officerName(t.officerId)],
      ['下发 Issued', fmtTime(t.issuedAt)], ['接收 Received', fmtTime(t.receivedAt)], ['上门时限 Visit deadline', fmtTime(t.homeVisitDeadline)],
      ['已到场 On scene', t.onScene && '是 yes'], ['结果 Outcome', t.outcome], ['金额 Amount', t.amount],
      ['版本 Version', t.version],
    ]),
    fields('情况 Context', [
      ['正在通话 On call now', c.onCallNow == null ? null : c.onCallNow ? '是 yes' : '否 no'],
      ['对方号码 Counterpart', c.counterpartNumber], ['涉案金额 At risk', c.amountAtRisk], ['备注 Note', c.note],
    ]),
    // A list, not a table: the detail (routing reasons) is long and the panel is narrow on a phone.
    h('section', {}, h('h3', {}, '经过 History'), h('ol', { id: 'history' },
      (t.history || []).map((e) => h('li', { 'data-step': e.action },
        h('div', { class: 'meta' }, h('span', { class: 'mono' }, fmtTime(e.at)), h('b', {}, e.action), h('span', { class: 'muted' }, e.actor)),
        h('div', {}, e.detail))))),
  ].filter(Boolean));
}

function button(action, label, taskId, body = {}, extra = {}) {
  return h('button', { type: 'button', 'data-action': action, ...extra, onclick: (e) => act(e.currentTarget, taskId, action, body) }, label);
}

// Only the buttons the server would accept for this user at this step.
function actionsFor(t) {
  const me = state.me, out = [];
  if (me.role === 'FieldOfficer' && me.officerId && t.officerId === me.officerId) {
    const callDone = t.callResult != null;
    if (t.status === 'Assigned') out.push(button('acknowledge', '签收 Acknowledge', t.taskId));
    if (t.status === 'PhoneWarning' || (t.status === 'HomeVisit' && !callDone)) {
      out.push(h('div', { class: 'group' }, h('h4', {}, '电话结果 Call result'),
        CALL_RESULTS.map(([r, label]) => button('call-result', label, t.taskId, { result: r }, { 'data-result': r }))));
    }
    if (t.status === 'HomeVisit' && !t.onScene) out.push(button('arrive', '已到场 Arrived on scene', t.taskId));
    if (t.status === 'PhoneWarning' || t.status === 'HomeVisit') out.push(outcomeForm(t));
  }
  if (me.role === 'DutyOfficer' && t.status !== 'Resolved') {
    const visitRequired = t.homeVisitRequired;
    if (!visitRequired) out.push(button('escalate', '转上门 Escalate to home visit', t.taskId));
    out.push(assignForm(t));
  }
  return out.length ? h('section', { class: 'actions' }, h('h3', {}, '操作 Actions'), out) : null;
}

function outcomeForm(t) {
  const sel = h('select', { id: 'outcome', 'aria-label': '结果 Outcome' }, OUTCOMES.map(([v, l]) => h('option', { value: v }, l)));
  const amount = h('input', { id: 'amount', type: 'number', min: '0', step: '0.01', inputmode: 'decimal', placeholder: '金额 Amount ¥', 'aria-label': '金额 Amount' });
  const body = () => {
    const a = amount.value === '' ? null : Number(amount.value);
    if (NEEDS_AMOUNT.has(sel.value) && a == null) throw new Error('请填写金额 This outcome needs an amount');
    if (a != null && !(a >= 0)) throw new Error('金额需 ≥ 0 Amount must be 0 or more');
    return a == null ? { outcome: sel.value } : { outcome: sel.value, amount: a };
  };
  return h('div', { class: 'group' }, h('h4', {}, '办结 Outcome'), h('div', { class: 'row' }, sel, amount, button('outcome', '提交 Record', t.taskId, body)));
}

function assignForm(t) {
  const onDuty = [...state.officers.values()].filter((o) => o.onDuty && o.officerId !== t.officerId);
  const sel = h('select', { id: 'assign-officer', 'aria-label': '民警 Officer' },
    onDuty.map((o) => h('option', { value: o.officerId }, `${o.name} ${o.officerId} · ${postName(o.postId)} · ${o.openTasks ?? 0} 件 open`)));
  const label = t.officerId ? '改派 Reassign' : '派单 Assign';
  return h('div', { class: 'group' }, h('h4', {}, `${label} (${onDuty.length} 在岗 on duty)`),
    h('div', { class: 'row' }, sel, button('assign', label, t.taskId, () => ({ officerId: sel.value }), { disabled: onDuty.length === 0 })));
}

// An action retried after a network failure keeps its actionId, so the server applies it at most once.
const pendingActionIds = new Map();

async function act(btn, taskId, action, bodyOf) {
  $('#action-error').hidden = true;
  let body;
  try { body = typeof bodyOf === 'function' ? bodyOf() : { ...bodyOf }; } catch (e) { return showActionError(e.message); }
  const key = `${taskId}/${action}/${JSON.stringify(body)}`;
  const actionId = pendingActionIds.get(key) ?? uuid();
  pendingActionIds.set(key, actionId);
  const buttons = [...$('#detail').querySelectorAll('button[data-action]')];
  buttons.forEach((b) => { b.disabled = true; });
  btn.classList.add('busy');
  try {
    const snapshot = await api('POST', `/api/tasks/${encodeURIComponent(taskId)}/${action}`, { actionId, ...body });
    pendingActionIds.delete(key);
    upsert(snapshot, false);
    render();
  } catch (e) {
    if (e.status) pendingActionIds.delete(key); // the server answered, so a new click is a new action
    showActionError(e.message);
    buttons.forEach((b) => { b.disabled = false; });
    btn.classList.remove('busy');
    // 409: our copy is stale; fetch the task so the buttons match its real step.
    if (e.status === 409) api('GET', `/api/tasks/${encodeURIComponent(taskId)}`).then((t) => { upsert(t, false); render(); }).catch(() => {});
  }
}

const showActionError = (message) => Object.assign($('#action-error'), { textContent: message, hidden: false });

async function loadOfficers() {
  try { state.officers = new Map((await api('GET', '/api/officers')).map((o) => [o.officerId, o])); } catch { /* names fall back to ids */ }
}

function select(taskId) {
  state.selected = taskId;
  $('#action-error').hidden = true;
  $('#detail').dataset.version = ''; // force a fresh render
  render();
  $('#detail').scrollTop = 0;
  // Duty officers assign by who is on duty and how busy they are right now.
  if (state.me?.role === 'DutyOfficer') loadOfficers().then(() => { $('#detail').dataset.version = ''; render(); });
}

// ---------- sign-in ----------

function showView(signedIn) {
  [$('#app-header').hidden, $('#board').hidden, $('#login').hidden] = [!signedIn, !signedIn, signedIn];
}

async function signedIn(me) {
  state.me = me;
  $('#user-name').textContent = me.displayName ?? me.username;
  $('#user-role').textContent = `${ROLE[me.role] ?? me.role} · ${me.areaId ?? me.officerId ?? ''}`;
  showView(true);
  const posts = await api('GET', '/api/posts').catch(() => []);
  state.posts = new Map(posts.map((p) => [p.postId, p]));
  await loadOfficers();
  hub.wanted = true;
  refetchTasks(); // don't wait for the socket to show the board
  connectHub();
}

function signedOut() {
  hub.wanted = false;
  clearTimeout(hub.timer);
  if (hub.ws) dropHub(hub.ws, false);
  Object.assign(state, { me: null, loaded: false, selected: null, tasks: new Map() });
  state.fresh.clear(); state.resolvedAt.clear();
  $('#task-rows').replaceChildren();
  $('#detail').hidden = true;
  showView(false);
}

$('#login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const err = $('#login-error');
  err.hidden = true;
  try {
    await api('POST', '/api/auth/login?useCookies=true', { username: $('#username').value.trim(), password: $('#password').value });
    $('#password').value = '';
    await signedIn(await api('GET', '/api/auth/me'));
  } catch (ex) {
    err.textContent = ex.status === 401 ? `用户名或密码错误 ${ex.message}` : ex.message;
    err.hidden = false;
  }
});

$('#demo-accounts').addEventListener('click', (e) => {
  const user = e.target.closest('[data-user]')?.dataset.user;
  if (user) { $('#username').value = user; $('#password').focus(); }
});

$('#logout').addEventListener('click', async () => {
  await api('POST', '/api/auth/logout').catch(() => {});
  signedOut();
});

$('#detail-close').addEventListener('click', () => { state.selected = null; render(); });

api('GET', '/api/auth/me').then(signedIn).catch(() => signedOut());
