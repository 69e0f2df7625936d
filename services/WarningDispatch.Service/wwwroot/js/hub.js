// The live connection to /hubs/tasks, through @microsoft/signalr
// (loaded as lib/signalr/signalr.min.js, global `signalR`).
// Keeps trying for as long as the page wants it: the automatic reconnect never gives up, and a failed first start is
// retried the same way. Every (re)connect calls onConnected, where the page re-reads the snapshot, because pushes sent
// while we were away are lost for good.

import { whoAmI } from './api.js';
import { markLive, markStale } from './connection.js';

const RETRY_MS = [0, 1000, 2000, 5000, 10000, 15000];
// A lost connection must show within 2 s (issue 13). The server pings every second at the latest (KeepAliveInterval
// in Realtime/RealtimeExtensions.cs); two seconds without a byte from it means the line is dead, not slow. The
// client's own pings keep their default (15 s): they only keep the server from dropping us (its 30 s client timeout).
const SERVER_TIMEOUT_MS = 2000;

// A dead spot is an expected state, shown by the banner; the SignalR client would log each failed attempt as an
// error, so its errors become warnings here (a genuinely critical one stays an error).
const logger = {
  log(level, message) {
    if (level >= signalR.LogLevel.Critical) console.error(`signalr: ${message}`);
    else if (level >= signalR.LogLevel.Warning) console.warn(`signalr: ${message}`);
  },
};

/**
 * @param {{ onTaskChanged: Function, onTaskWithdrawn: Function, onConnected: Function,
 *   onState: (state: string) => void }} handlers
 * States: connecting, connected, reconnecting, disconnected.
 */
export function createHub({ onTaskChanged, onTaskWithdrawn, onConnected, onState }) {
  if (!window.signalR) throw new Error('lib/signalr/signalr.min.js did not load; build the service (dotnet build) '
    + 'to produce it');
  const conn = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/tasks')
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: (c) => RETRY_MS[Math.min(c.previousRetryCount, RETRY_MS.length - 1)] })
    .configureLogging(logger)
    .build();
  conn.serverTimeoutInMilliseconds = SERVER_TIMEOUT_MS;

  let wanted = false;
  let attempt = 0;
  let timer = null;
  let stopping = Promise.resolve();
  let state = 'disconnected';
  const setState = (s) => {
    state = s;
    // Reconnecting or cut off: what the page shows may be out of date (kept so until the tasks are read again).
    if (s === 'reconnecting' || s === 'disconnected') markStale();
    onState(s);
  };

  conn.on('taskChanged', onTaskChanged);
  conn.on('taskWithdrawn', onTaskWithdrawn);
  // The server was cut off from the other instances and may have missed their changes: read everything again.
  conn.on('resync', () => live());
  conn.onreconnecting((error) => {
    // Missed keep-alives: the server was last heard from a full timeout ago, and the data is as old as that.
    if (/timeout/i.test(error?.message ?? '')) markStale(Date.now() - SERVER_TIMEOUT_MS);
    setState('reconnecting');
    checkSignedIn();
  });
  conn.onreconnected(async () => { await subscribed(); setState('connected'); await live(); });
  conn.onclose(() => {
    setState('disconnected');
    if (wanted) retryLater();
  });

  // A WebSocket cannot tell us "401"; ask the API, so an expired sign-in ends on the sign-in page, not in a retry loop.
  async function checkSignedIn() {
    try { if (await whoAmI() === null) location.replace('index.html'); } catch { /* offline: keep retrying */ }
  }

  // The handshake completes before the server has joined this connection to its groups; this call is answered after.
  // Only then does re-reading the tasks leave no gap for a change to fall into.
  async function subscribed() {
    try { await conn.invoke('Subscribed'); } catch (e) { console.warn('hub: subscribed failed', e?.message ?? e); }
  }

  function retryLater() {
    clearTimeout(timer);
    const delay = RETRY_MS[Math.min(++attempt, RETRY_MS.length - 1)];
    timer = setTimeout(connect, delay);
  }

  async function connect() {
    clearTimeout(timer);
    await stopping;
    if (!wanted || conn.state !== signalR.HubConnectionState.Disconnected) return;
    setState('connecting');
    try {
      await conn.start();
    } catch (e) {
      console.warn('hub: start failed', e?.message ?? e);
      if (!wanted) return;
      setState('disconnected');
      await checkSignedIn();
      retryLater();
      return;
    }
    attempt = 0;
    if (!wanted) { stop(); return; }
    await subscribed();
    setState('connected');
    await live();
  }

  // The page re-reads what it may have missed; only then is what it shows live again (unless the connection was lost
  // again meanwhile: the offline event stops it, so its state says so).
  async function live() {
    try { await onConnected(); } finally {
      if (conn.state === signalR.HubConnectionState.Connected) markLive();
    }
  }

  function start() {
    wanted = true;
    attempt = 0;
    return connect();
  }

  /** Closes the connection and stays closed until start(); tests use this to cut the board off. */
  function stop() {
    wanted = false;
    clearTimeout(timer);
    stopping = conn.stop().catch(() => {});
    return stopping;
  }

  // The browser knows the network is gone before any keep-alive is missed (flight mode, a dead spot, a cable): show it
  // at once, and drop the socket, which may otherwise linger until its timeout, so that coming back is a fresh
  // connection that re-reads the tasks like any other reconnect.
  window.addEventListener('offline', () => {
    if (!wanted) return;
    setState('disconnected');
    conn.stop().catch(() => {}); // onclose follows: still wanted, so it retries, and 'online' below tries at once
  });

  // A phone coming back from flight mode or a dead spot: try at once rather than at the end of a back-off.
  window.addEventListener('online', () => {
    if (wanted && conn.state === signalR.HubConnectionState.Disconnected) { attempt = 0; connect(); }
  });

  return { start, stop, get state() { return state; }, connection: conn };
}
