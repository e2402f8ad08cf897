// The live feed (GET /api/v1/events, server-sent events with the session cookie): alerts as they are raised
// or change, and the current hour's scan counts. One connection for the whole app; pages subscribe to it.
// EventSource cannot set headers, so the language of the alerts' summaries goes in ?lang=.
import { lang } from './i18n.js';
import { withQuery } from './api.js';

let source = null;
let sourceLang = null;
let connected = false;
const listeners = { alert: new Set(), scans: new Set(), state: new Set() };
let lastScans = null;
let wanted = false;

// A page left for another one may be kept in the back-forward cache with its connection still open, and a browser
// opens only six connections to a server: a few pages later the next one's requests would wait for ever. The feed
// is closed when the page is hidden and opened again if it comes back.
window.addEventListener('pagehide', () => {
  if (source) {
    source.close();
    source = null;
    setConnected(false);
  }
});
window.addEventListener('pageshow', (event) => {
  if (event.persisted && wanted) {
    startLive();
  }
});

/** Opens the feed (once, and again after a language switch). EventSource reconnects by itself after a drop. */
export function startLive() {
  wanted = true;
  if (source && sourceLang === lang()) {
    return;
  }
  if (source) {
    source.close();
  }
  sourceLang = lang();
  source = new EventSource(withQuery('/api/v1/events', { lang: sourceLang }));
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
  wanted = false;
  if (source) {
    source.close();
    source = null;
  }
  sourceLang = null;
  lastScans = null;
  setConnected(false);
}

/** The order of alerts in the feed and the lists: most recently seen first, the newer alert first at the same time. */
export function newestFirst(a, b) {
  return (Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt)) || (Number(b.id) - Number(a.id));
}

/** Puts an alert into an array kept in that order; answers its place. */
export function insertNewestFirst(alerts, alert) {
  const at = alerts.findIndex((other) => newestFirst(alert, other) < 0);
  const place = at < 0 ? alerts.length : at;
  alerts.splice(place, 0, alert);
  return place;
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
