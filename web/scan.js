// The in-browser scanner of /scan: the camera through html5-qrcode (loaded by the page from its WebJar),
// and the rule the server applies to uploaded photos: a QR code that leads to this installation's own
// origin is opened; anything else is shown as text with a warning and never followed.
import { qrLibraryLoaded, qrScanner } from './qr-camera.js';

/**
 * What a decoded text is: {kind: 'own', url} for a URL on our origin, {kind: 'foreign', url} for another
 * http(s) URL, {kind: 'text', text} otherwise. Origins compare as the browser writes them (lower-case scheme
 * and host, default port left out).
 */
export function classify(text, ourOrigin) {
  const trimmed = String(text).trim();
  if (!/^https?:\/\//i.test(trimmed)) {
    return { kind: 'text', text: trimmed };
  }
  let url;
  try {
    url = new URL(trimmed);
  } catch {
    return { kind: 'foreign', url: trimmed };
  }
  if (url.origin !== ourOrigin || url.username || url.password) {
    return { kind: 'foreign', url: url.href };
  }
  url.hash = '';
  return { kind: 'own', url: url.href };
}

/**
 * Tells the server of a code that leads elsewhere, so a lookalike site printed on counterfeit labels can be traced
 * by its host (the server keeps only the host, and only when the code claims one of its brands). Fire and forget:
 * the warning the shopper sees never waits for it or depends on it.
 */
export function tellForeign(url) {
  try {
    fetch('/scan/foreign', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ url }),
      credentials: 'omit',
      keepalive: true,
    }).catch(() => {});
  } catch {
    // no fetch: nothing to tell
  }
}

/** The URL with the shopper's chosen language added, unless it already carries one. */
export function withLang(href, lang) {
  if (!lang) {
    return href;
  }
  const url = new URL(href);
  if (url.searchParams.has('lang')) {
    return href;
  }
  return href + (url.search ? '&' : '?') + 'lang=' + encodeURIComponent(lang);
}

const section = document.getElementById('scanner');
if (section) {
  setUp(section);
}

function setUp(root) {
  const $ = (id) => document.getElementById(id);
  const msg = root.dataset;
  const status = $('cam-status');
  const start = $('start');
  const stop = $('stop');
  const again = $('again');
  const reader = $('reader');
  const foreign = $('foreign');
  const notOurs = $('not-ours');
  let scanner = null;
  let handled = false;
  let slowTimer = null;
  // After this long without a code, the status line suggests what helps, and the photo form below.
  const SLOW_AFTER_MS = 15000;

  const say = (text) => { status.textContent = text; };
  const show = (element, visible) => { element.hidden = !visible; };

  const cameraPossible = () => Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);

  function hideResults() {
    show(foreign, false);
    show(notOurs, false);
    show(again, false);
  }

  async function stopCamera() {
    clearTimeout(slowTimer);
    const running = scanner;
    scanner = null;
    show(stop, false);
    show(reader, false);
    if (running) {
      try {
        await running.stop();
        running.clear();
      } catch {
        // already stopped
      }
    }
  }

  function explain(error) {
    const text = String(error && (error.name || error.message) ? `${error.name} ${error.message}` : error);
    if (/NotAllowed|Permission|denied/i.test(text)) {
      return msg.msgDenied;
    }
    if (/NotFound|Overconstrained|DevicesNotFound|no camera/i.test(text)) {
      return msg.msgMissing;
    }
    if (/NotSupported|secure context|insecure/i.test(text)) {
      return msg.msgUnsupported;
    }
    return msg.msgFailed;
  }

  function reveal(panel, slot, text) {
    slot.textContent = text;
    show(panel, true);
    show(again, true);
    const heading = panel.querySelector('h2');
    heading.tabIndex = -1;
    heading.focus();
  }

  async function onDecoded(text) {
    if (handled) {
      return;
    }
    handled = true;
    const target = classify(text, msg.origin);
    if (target.kind === 'own') {
      say(msg.msgOpening);
      await stopCamera();
      window.location.assign(withLang(target.url, msg.lang));
      return;
    }
    await stopCamera();
    say(msg.msgStopped);
    show(start, false);
    if (target.kind === 'foreign') {
      tellForeign(target.url);
      reveal(foreign, $('foreign-url'), target.url);
    } else {
      reveal(notOurs, $('not-ours-text'), target.text);
    }
  }

  async function startCamera() {
    hideResults();
    handled = false;
    if (!cameraPossible() || !qrLibraryLoaded()) {
      say(msg.msgUnsupported);
      return;
    }
    show(start, false);
    show(reader, true);
    say(msg.msgStarting);
    try {
      scanner = await qrScanner('reader');
      await scanner.start({ facingMode: 'environment' }, { fps: 10, disableFlip: false }, onDecoded, () => {});
      show(stop, true);
      say(msg.msgScanning);
      const started = scanner;
      slowTimer = setTimeout(() => {
        if (scanner === started && !handled) {
          say(msg.msgSlow);
        }
      }, SLOW_AFTER_MS);
    } catch (error) {
      await stopCamera();
      show(start, true);
      say(explain(error));
    }
  }

  start.addEventListener('click', startCamera);
  again.addEventListener('click', () => {
    startCamera();
  });
  stop.addEventListener('click', async () => {
    await stopCamera();
    show(start, true);
    say(msg.msgStopped);
    start.focus();
  });
  // Let go of the camera when the page is left or hidden; a phone shows that the camera is in use.
  window.addEventListener('pagehide', stopCamera);
  document.addEventListener('visibilitychange', () => {
    if (document.hidden && scanner) {
      stopCamera().then(() => {
        show(start, true);
        say(msg.msgStopped);
      });
    }
  });
  // Coming back with the Back button restores this page from the cache: offer the camera again.
  window.addEventListener('pageshow', () => {
    handled = false;
  });

  if (cameraPossible()) {
    show(start, true);
    say(msg.msgReady);
  } else {
    say(msg.msgUnsupported);
  }
}
