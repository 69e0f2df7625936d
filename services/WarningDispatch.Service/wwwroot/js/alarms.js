// The board's sound alarm: Web Audio oscillator tones (no audio files to fetch in a closed network), a pattern per
// severity, repeated every REPEAT_MS while any alarming task is not covered by the duty officer's acknowledgement.
// Acknowledging silences the ALARM for the tasks alarming now, not the tasks: a task that starts alarming later (or
// rises from warning to critical) sounds again. Mute silences everything until a time the board shows.

import { formatTime } from './i18n.js';
import { h } from './ui.js';

export const REPEAT_MS = 4000;
const TICK_MS = 1000;
const SOUND_KEY = 'wd.board.sound';   // sessionStorage: the officer enabled sound in this session
const MUTE_KEY = 'wd.board.mutedUntil';

/** Critical: three short high tones; warning: two longer low ones. Distinct by ear without looking. */
const PATTERNS = {
  critical: { freq: 988, tones: 3, on: 0.16, gap: 0.1 },
  warning: { freq: 587, tones: 2, on: 0.35, gap: 0.2 },
};
const RANK = { critical: 2, warning: 1 };

/**
 * The alarm strip in `root` (buttons with ids sound-enable, alarm-ack, alarm-mute-5/15, alarm-unmute; a status and a
 * muted indicator). `update(map taskId → 'critical' | 'warning')` is called on every render of the board.
 */
export function createAlarms(root, { now = () => Date.now() } = {}) {
  const $ = (sel) => root.querySelector(sel);
  const state = {
    alarming: new Map(),
    acknowledged: new Map(), // taskId → the severity acknowledged
    lastPlayed: 0,
    checks: 0,
    plays: 0,
    context: null,
  };
  const enabled = () => sessionStorage.getItem(SOUND_KEY) === 'on';
  const mutedUntil = () => Number(sessionStorage.getItem(MUTE_KEY) || 0);
  const muted = () => mutedUntil() > now();
  /** The tasks still sounding: alarming and not acknowledged at (at least) their present severity. */
  const pending = () => [...state.alarming].filter(([id, sev]) => (RANK[state.acknowledged.get(id)] ?? 0) < RANK[sev]);
  const level = (list) => (list.some(([, s]) => s === 'critical') ? 'critical' : list.length ? 'warning' : 'none');

  function audio() {
    if (!state.context) {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return null;
      state.context = new Ctx();
    }
    if (state.context.state === 'suspended') state.context.resume().catch(() => {});
    return state.context;
  }

  function play(severity) {
    const ctx = audio();
    if (!ctx) return;
    const p = PATTERNS[severity];
    const t0 = ctx.currentTime + 0.02;
    for (let i = 0; i < p.tones; i++) {
      const start = t0 + i * (p.on + p.gap);
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = severity === 'critical' ? 'square' : 'sine';
      osc.frequency.value = p.freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + p.on);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + p.on + 0.02);
    }
    state.plays++;
    state.lastPlayed = now();
  }

  /** Once a second: sound again if the alarm is still pending, and keep the strip (and the mute's end) up to date. */
  function check() {
    state.checks++;
    if (!muted() && sessionStorage.getItem(MUTE_KEY)) sessionStorage.removeItem(MUTE_KEY); // the mute ran out
    const list = pending();
    const sev = level(list);
    if (sev !== 'none' && enabled() && !muted() && now() - state.lastPlayed >= REPEAT_MS) play(sev);
    show(list, sev);
  }

  function show(list, sev) {
    root.dataset.alarm = level([...state.alarming]);
    root.dataset.pending = sev;
    root.dataset.sounding = String(sev !== 'none' && enabled() && !muted());
    root.dataset.checks = String(state.checks);
    root.dataset.plays = String(state.plays);
    $('#sound-enable').hidden = enabled();
    $('#alarm-ack').hidden = sev === 'none';
    const status = $('#alarm-status');
    const key = sev === 'none' ? (state.alarming.size ? 'alarm.acknowledged' : 'alarm.none') : `alarm.${sev}`;
    const n = sev === 'none' ? state.alarming.size : list.length;
    // Rebuilt only when it changes; the span's data-i18n lets a language switch translate it in place.
    if (status.dataset.shown !== `${key}/${n}`) {
      status.replaceChildren(h('span', { i18n: key, i18nArgs: { n } }));
      status.dataset.shown = `${key}/${n}`;
    }
    const mute = $('#alarm-muted');
    mute.hidden = !muted();
    for (const b of root.querySelectorAll('[data-mute]')) b.hidden = muted();
    if (muted()) {
      const until = formatTime(new Date(mutedUntil()).toISOString());
      const text = mute.querySelector('.until');
      if (text.dataset.until !== until) {
        text.replaceChildren(h('span', { i18n: 'alarm.mutedUntil', i18nArgs: { time: until } }));
        text.dataset.until = until;
      }
    }
  }

  $('#sound-enable').addEventListener('click', () => {
    // A click is the user gesture browsers want before any sound; remembered for this browser session.
    sessionStorage.setItem(SOUND_KEY, 'on');
    audio();
    state.lastPlayed = 0;
    check();
  });
  // After a reload within the session the audio context may start suspended: any click on the page resumes it.
  document.addEventListener('pointerdown', () => { if (enabled()) audio(); }, { capture: true });
  $('#alarm-ack').addEventListener('click', () => {
    state.acknowledged = new Map(state.alarming);
    check();
  });
  for (const b of root.querySelectorAll('[data-mute]')) {
    b.addEventListener('click', () => {
      sessionStorage.setItem(MUTE_KEY, String(now() + Number(b.dataset.mute) * 60_000));
      check();
    });
  }
  $('#alarm-unmute').addEventListener('click', () => {
    sessionStorage.removeItem(MUTE_KEY);
    state.lastPlayed = 0;
    check();
  });
  setInterval(check, TICK_MS);

  return {
    /** The tasks alarming now (taskId → severity); a task no longer alarming drops out of the acknowledgement. */
    update(alarming) {
      const before = level(pending());
      state.alarming = alarming;
      for (const id of [...state.acknowledged.keys()]) if (!alarming.has(id)) state.acknowledged.delete(id);
      const after = pending();
      // A new alarm (or a worse one) sounds at once rather than at the next repeat.
      if (RANK[level(after)] > (RANK[before] ?? 0)) state.lastPlayed = 0;
      check();
    },
    state,
  };
}
