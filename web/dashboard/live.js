// The live feed (GET /api/v1/events, server-sent events with the session cookie): alerts as they are raised
// or change, and the current hour's scan counts. One connection for the whole app; pages subscribe to it.

let source = null;
let connected = false;
const listeners = { alert: new Set(), scans: new Set(), state: new Set() };
let lastScans = null;

/** Opens the feed (once). EventSource reconnects by itself after a drop. */
export function startLive() {
  if (source) {
    return;
  }
  source = new EventSource('/api/v1/events');
  source.addEventListener('open', () => setConnected(true));
  source.addEventListener('error', () => setConnected(false));
  source.addEventListener('alert', (event) => emit('alert', parse(event.data)));
  source.addEventListener('scans', (event) => {
    lastScans = parse(event.data);
    emit('scans', lastScans);
  });
}

/** Closes the feed (on sign-out). */
export function stopLive() {
  if (source) {
    source.close();
    source = null;
  }
  lastScans = null;
  setConnected(false);
}

/** Subscribes to 'alert', 'scans' or 'state' (connected or not); answers the function that unsubscribes. */
export function onLive(kind, listener) {
  listeners[kind].add(listener);
  if (kind === 'state') {
    listener(connected);
  } else if (kind === 'scans' && lastScans) {
    listener(lastScans);
  }
  return () => listeners[kind].delete(listener);
}

function setConnected(value) {
  if (connected !== value) {
    connected = value;
    emit('state', value);
  }
}

function emit(kind, value) {
  if (value !== null) {
    listeners[kind].forEach((listener) => {
      try {
        listener(value);
      } catch (e) {
        console.error(e);
      }
    });
  }
}

function parse(data) {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}
