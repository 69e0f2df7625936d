// The console's copy of the tasks it may see, kept consistent with the server by `version`:
// a snapshot only ever replaces an older one, so late, duplicate or replayed pushes never roll a task back.

export class TaskStore {
  constructor() {
    /** taskId → latest snapshot seen */
    this.tasks = new Map();
    /** taskId → version at which the task was withdrawn from us; an older push must not bring it back */
    this.withdrawn = new Map();
    this.loaded = false;
    this.buffer = null;
    this.seq = 0;
  }

  /** A taskChanged push. Returns 'new', 'updated' or null (not newer than what we hold). */
  changed(snapshot) {
    if (this.buffer) this.buffer.push(['changed', snapshot]);
    return this.#changed(snapshot);
  }

  /** A taskWithdrawn push: the task left our view (reassigned away, moved to another area). */
  withdraw(w) {
    if (this.buffer) this.buffer.push(['withdrawn', w]);
    return this.#withdraw(w);
  }

  #changed(s) {
    if (!s?.taskId) return null;
    const held = this.tasks.get(s.taskId);
    if (held && held.version >= s.version) return null;
    if (!held && (this.withdrawn.get(s.taskId) ?? 0) >= s.version) return null;
    this.tasks.set(s.taskId, s);
    this.withdrawn.delete(s.taskId);
    return held ? 'updated' : 'new';
  }

  #withdraw(w) {
    const held = this.tasks.get(w.taskId);
    if (held && held.version > w.version) return false;
    this.tasks.delete(w.taskId);
    this.withdrawn.set(w.taskId, Math.max(w.version, this.withdrawn.get(w.taskId) ?? 0));
    return Boolean(held);
  }

  /**
   * Replaces the copy with the server's list (after a (re)connect). Pushes that arrive while the list is on its way are
   * applied at once and replayed on top of the list, because the list may have been read before they happened.
   * Returns the ids that are new to this console (they arrived while it was away).
   */
  async reload(fetchList) {
    const seq = ++this.seq;
    this.buffer = [];
    let list;
    try {
      list = await fetchList();
    } catch (e) {
      if (seq === this.seq) this.buffer = null;
      throw e;
    }
    if (seq !== this.seq) return null; // a newer reload is on its way and will replay the same pushes
    const replay = this.buffer;
    this.buffer = null;
    const before = this.tasks;
    this.tasks = new Map(list.map((t) => [t.taskId, t]));
    this.withdrawn.clear();
    for (const [kind, arg] of replay) {
      if (kind === 'changed') this.#changed(arg);
      else this.#withdraw(arg);
    }
    const wasLoaded = this.loaded;
    this.loaded = true;
    return wasLoaded ? [...this.tasks.keys()].filter((id) => !before.has(id)) : [];
  }

  get(taskId) { return this.tasks.get(taskId); }
  all() { return [...this.tasks.values()]; }
  active() { return this.all().filter((t) => t.status !== 'Resolved'); }
}

const RISK_RANK = { High: 0, Medium: 1, Low: 2 };

/**
 * Urgency, most urgent first: tasks nobody holds (Unrouted) and overdue tasks on top, then the closest deadline,
 * then tasks with no running clock (officer on scene), resolved last. Ties: higher risk, then older.
 */
export function byUrgency(now = Date.now()) {
  const group = (t) => {
    if (t.status === 'Resolved') return 4;
    if (t.status === 'Unrouted') return 0;
    if (t.deadline && Date.parse(t.deadline) < now) return 1;
    return t.deadline ? 2 : 3;
  };
  return (a, b) => {
    const ga = group(a), gb = group(b);
    if (ga !== gb) return ga - gb;
    const da = a.deadline ? Date.parse(a.deadline) : Infinity, db = b.deadline ? Date.parse(b.deadline) : Infinity;
    if (da !== db) return da - db;
    return (RISK_RANK[a.riskLevel] ?? 3) - (RISK_RANK[b.riskLevel] ?? 3)
      || Date.parse(a.receivedAt) - Date.parse(b.receivedAt);
  };
}

/** "12:34" under an hour, "3:59:07" above, with a minus sign once the deadline has passed. */
export function countdown(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const two = (n) => String(n).padStart(2, '0');
  return `${ms < 0 ? '-' : ''}${h > 0 ? `${h}:${two(m)}` : two(m)}:${two(sec)}`;
}

/** The highest home-visit milestone reached: 50, 80 or 100 (breached); 0 for none. */
export const visitLevel = (t) => Math.max(0, ...(t.visitWarnings || []));

/**
 * When the task was resolved (ms), or null: the server's first resolved step, which a later follow-up or defrauded
 * mark does not move.
 */
export const resolvedAt = (t) => (t.resolvedAt ? Date.parse(t.resolvedAt) : null);

/** A masked value has asterisks in it: the viewer may not see it, so it is never offered as a tel: link. */
export const isMasked = (value) => !value || value.includes('*');
