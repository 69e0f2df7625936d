// Officer actions survive a flaky connection: each is written to localStorage with its client action id *before* it
// is sent, and stays there until the server has answered. A retry reuses the same action id, which the server applies
// at most once, so "sent, answer lost, sent again" never acts twice. Actions are sent one at a time, in the order
// they were taken (acknowledge before busy before arrived).

import { ApiError, newActionId, postAction } from './api.js';

const RETRY_MS = 5000;

export class Outbox {
  /**
   * @param {string} key localStorage key (one per officer, so a shared phone never sends someone else's actions)
   * @param {{ onSent: (item, snapshot) => void, onRefused: (item, error) => void, onChange: () => void }} handlers
   */
  constructor(key, { onSent, onRefused, onChange }) {
    this.key = key;
    this.handlers = { onSent, onRefused, onChange };
    this.items = this.#read();
    this.flushing = null;
    this.timer = setInterval(() => { if (this.items.length) this.flush(); }, RETRY_MS);
    window.addEventListener('online', () => this.flush());
    // Another tab of the same officer queued or sent something.
    window.addEventListener('storage', (e) => { if (e.key === this.key) { this.items = this.#read(); onChange(); } });
  }

  #read() {
    try { return JSON.parse(localStorage.getItem(this.key) || '[]'); } catch { return []; }
  }

  #write() {
    try { localStorage.setItem(this.key, JSON.stringify(this.items)); } catch (e) {
      console.warn('outbox: storage refused', e);
    }
    this.handlers.onChange();
  }

  /** Queues an action and tries to send it at once. */
  add(taskId, action, body = {}) {
    const item = { actionId: newActionId(), taskId, action, body, queuedAt: new Date().toISOString(), attempts: 0 };
    this.items.push(item);
    this.#write();
    this.flush();
    return item;
  }

  pendingFor(taskId) { return this.items.filter((i) => i.taskId === taskId); }

  /** Sends everything queued, oldest first; stops at the first action that cannot get through (it is retried later). */
  flush() {
    this.flushing ??= this.#flush().finally(() => { this.flushing = null; });
    return this.flushing;
  }

  async #flush() {
    while (this.items.length) {
      const item = this.items[0];
      item.attempts++;
      let snapshot;
      try {
        snapshot = await postAction(item.taskId, item.action, item.actionId, item.body);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(0, String(e));
        if (err.retryable) { this.#write(); return false; } // keep it; the same action id goes again later
        this.#remove(item);
        this.handlers.onRefused(item, err); // the server said no (409, 403, 400): sending again would not change that
        continue;
      }
      this.#remove(item);
      this.handlers.onSent(item, snapshot);
    }
    return true;
  }

  #remove(item) {
    // Re-read first: another tab may have changed the queue meanwhile.
    this.items = this.#read().filter((i) => i.actionId !== item.actionId);
    this.#write();
  }
}
