// The phone's calls for attention: a tone and a buzz for a new task, a task reassigned away and a deadline at 80 %,
// each its own pattern so an officer knows which without looking; a lasting banner for a reassignment (a toast
// vanishes while the phone is in a pocket); and the "enable sound" prompt browsers need before the first tone.

import { formatTime } from './i18n.js';
import { data, h } from './ui.js';

/** Tones (offset s, Hz) and vibration patterns (ms) per kind: rising for new work, falling for work taken away. */
const CUES = {
  newTask: { tones: [[0, 880], [0.25, 1175]], buzz: [300, 120, 300] },
  withdrawn: { tones: [[0, 988], [0.3, 659], [0.6, 494]], buzz: [600, 200, 600] },
  deadline: { tones: [[0, 1319], [0.18, 1319], [0.36, 1319]], buzz: [150, 80, 150, 80, 150] },
};

let audioCtx = null;

function context() {
  audioCtx ??= new (window.AudioContext || window.webkitAudioContext)();
  if (audioCtx.state === 'suspended') audioCtx.resume();
  return audioCtx;
}

/** Sounds and vibrates for one kind of event; either may be missing on a given phone, and that is no error. */
export function cue(kind) {
  const { tones, buzz } = CUES[kind] ?? CUES.newTask;
  if (window.__wd) window.__wd.cues = (window.__wd.cues ?? 0) + 1;
  try { navigator.vibrate?.(buzz); } catch { /* not supported */ }
  try {
    const ctx = context();
    const at = ctx.currentTime;
    for (const [offset, freq] of tones) {
      const osc = ctx.createOscillator(), gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, at + offset);
      gain.gain.exponentialRampToValueAtTime(0.5, at + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + offset + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at + offset);
      osc.stop(at + offset + 0.22);
    }
  } catch { /* no audio on this device */ }
}

/**
 * When 80 % of the current step's time has gone, for the acknowledge and call deadlines (the server marks the home
 * visit's 80 % itself): the step began with the first entry of the history's closing run in the task's status.
 */
export function eightyPercentAt(task) {
  if (!task.deadline || !['Acknowledge', 'Call'].includes(task.deadlineKind)) return null;
  const history = task.history || [];
  let i = history.length;
  while (i > 0 && history[i - 1].status === task.status) i -= 1;
  const start = history[i] ? Date.parse(history[i].at) : NaN;
  const end = Date.parse(task.deadline);
  return Number.isFinite(start) && end > start ? start + 0.8 * (end - start) : null;
}

const cuedDeadlines = new Set();

/** Sounds the deadline cue once per task and deadline when its 80 % point has passed (but not the deadline). */
export function cueDeadlines(tasks, now = Date.now()) {
  for (const task of tasks) {
    const at = eightyPercentAt(task);
    const key = `${task.taskId}@${task.deadline}`;
    if (at == null || now < at || now >= Date.parse(task.deadline) || cuedDeadlines.has(key)) continue;
    cuedDeadlines.add(key);
    cue('deadline');
  }
}

/**
 * Browsers start audio only after a user gesture: until the first tap the page says so with a big "enable sound"
 * button (any tap anywhere does it too), so an officer does not miss the first task's tone unknowingly.
 */
export function wireSoundPrompt(button) {
  const unlock = () => {
    try { context(); } catch { /* no audio on this device */ }
    window.removeEventListener('pointerdown', unlock, true);
    window.removeEventListener('keydown', unlock, true);
  };
  // Hidden once the tap is over (its click has reached its target): hiding it as the finger lands would move the
  // page up under the finger, and the tap would land on something else.
  const done = () => {
    unlock();
    button.hidden = true;
    window.removeEventListener('click', done);
    window.removeEventListener('keyup', done);
  };
  button.hidden = false;
  window.addEventListener('pointerdown', unlock, true);
  window.addEventListener('keydown', unlock, true);
  window.addEventListener('click', done);
  window.addEventListener('keyup', done);
}

/**
 * The reassignment notice: stays until the officer dismisses it, the instruction id kept on one line, the time it
 * happened beside it. Several reassignments stack.
 */
export function showWithdrawn(list, instructionId, at = new Date()) {
  const item = h('li', { class: 'withdrawn', role: 'alert', 'data-instruction-id': instructionId },
    h('span', { class: 'text' },
      h('span', { i18n: 'console.withdrawnBanner' }), ' ', data(instructionId, 'mono nowrap'), ' ',
      h('span', { class: 'muted' }, data(formatTime(at.toISOString()), 'mono'))),
    h('button', {
      type: 'button', class: 'dismiss', i18nAttr: 'aria-label:console.dismiss;title:console.dismiss',
      onclick: () => { item.remove(); list.hidden = list.children.length === 0; },
    }, '×'));
  list.append(item);
  list.hidden = false;
}
