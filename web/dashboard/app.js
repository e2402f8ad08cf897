// The dashboard shell: session (sign-in with its two-factor step, forced password change and two-factor enrolment,
// sign-out), navigation by role, language,
// and hash routes (#/alerts/42) that load one page module each, on demand.
import { api, setCsrfToken, onUnauthorized } from './api.js';
import { t, lang, setLang, onLangChange, LANGUAGES } from './i18n.js';
import { h, replace, field, messageBox, busy } from './dom.js';
import { startLive, stopLive, onLive } from './live.js';
import { secondStepForm, forcedEnrolForm } from './two-factor.js';

const ROLES = ['viewer', 'operator', 'admin'];

/** Every page: its module and the least role that may open it (the server enforces the same). */
const PAGES = [
  { id: 'overview', module: './page-overview.js', role: 'viewer' },
  { id: 'map', module: './page-map.js', role: 'viewer' },
  { id: 'alerts', module: './page-alerts.js', role: 'viewer' },
  { id: 'products', module: './page-products.js', role: 'viewer' },
  { id: 'batches', module: './page-batches.js', role: 'viewer' },
  { id: 'lookup', module: './page-lookup.js', role: 'viewer' },
  { id: 'reports', module: './page-reports.js', role: 'viewer' },
  { id: 'periodic-reports', module: './page-periodic-reports.js', role: 'viewer' },
  { id: 'keys', module: './page-keys.js', role: 'viewer' },
  { id: 'rules', module: './page-rules.js', role: 'viewer' },
  { id: 'branding', module: './page-branding.js', role: 'viewer' },
  { id: 'alliances', module: './page-alliances.js', role: 'viewer' },
  { id: 'notifications', module: './page-notifications.js', role: 'viewer' },
  { id: 'security', module: './two-factor.js', role: 'viewer' },
  { id: 'webhooks', module: './page-webhooks.js', role: 'admin' },
  { id: 'apikeys', module: './page-apikeys.js', role: 'admin' },
  { id: 'users', module: './page-users.js', role: 'admin' },
];

const root = document.getElementById('app');
let session = null;
/** A right password waiting for its second factor: the challenge that completes the sign-in. */
let challenge = null;
let cleanup = null;
let unseenAlerts = 0;
let renderToken = 0;
let shownPath = null;

/** True if the signed-in role includes the given one. */
function can(role) {
  return Boolean(session) && ROLES.indexOf(session.role) >= ROLES.indexOf(role);
}

/** The route in the URL fragment: #/alerts/42?x=1 is {id: 'alerts', params: ['42'], query: x=1}. */
function route() {
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  const parts = (path || 'overview').split('/').map(decodeURIComponent);
  return { id: parts[0], params: parts.slice(1), query: new URLSearchParams(search || '') };
}

/** Goes to a route: navigate('alerts', 42). */
export function navigate(...parts) {
  location.hash = '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/');
}

async function boot() {
  document.documentElement.lang = lang();
  document.getElementById('skip').addEventListener('click', (event) => {
    event.preventDefault();
    const main = document.getElementById('main');
    if (main) {
      main.focus();
    }
  });
  onUnauthorized(() => {
    if (session) {
      signedOut();
    }
  });
  onLangChange(() => render());
  window.addEventListener('hashchange', () => {
    if (session && !session.user?.mustChangePassword && !session.mustEnrolTwoFactor) {
      renderPage({ navigated: true });
    }
  });
  onLive('alert', (alert) => {
    if (alert.status === 'open' && route().id !== 'alerts' && route().id !== 'overview') {
      unseenAlerts += 1;
      updateAlertBadge();
    }
  });
  try {
    adopt(await api('/api/v1/session'));
  } catch {
    session = null;
  }
  render();
}

function adopt(s) {
  session = s;
  setCsrfToken(s ? s.csrfToken : null);
}

function signedOut() {
  adopt(null);
  stopLive();
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  render();
}

function render() {
  root.removeAttribute('aria-busy');
  document.title = t('appName');
  if (!session) {
    replace(root, challenge ? authPage(secondStepForm(challenge, { onSignedIn: signedIn, onCancel: () => signedIn(null) }))
      : signInView());
  } else if (session.user && session.user.mustChangePassword) {
    replace(root, passwordView());
  } else if (session.mustEnrolTwoFactor) {
    replace(root, authPage(forcedEnrolForm({ onSignOut: signOut, onDone: async () => {
      adopt(await api('/api/v1/session'));
      render();
    } })));
  } else {
    replace(root, shell());
    startLive();
    renderPage();
  }
}

function languageSwitch() {
  const select = h('select', { id: 'lang', class: 'lang', onchange: (e) => setLang(e.target.value) },
    LANGUAGES.map((l) => h('option', { value: l, selected: l === lang() }, l === 'en' ? 'English' : '简体中文')));
  return h('div', { class: 'lang-switch' }, h('label', { for: 'lang', class: 'visually-hidden' }, t('language')), select);
}

function signInView() {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, id: 'signin-email' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true,
    id: 'signin-password' });
  const box = messageBox();
  const button = h('button', { type: 'submit', class: 'primary', id: 'signin-submit' }, t('signIn'));
  const form = h('form', { class: 'card auth', novalidate: false, onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      const answer = await api('/api/v1/session', { method: 'POST', body: { email: email.value.trim(), password: password.value } });
      if (answer && answer.challenge) {
        challenge = answer.challenge;
        render();
      } else {
        signedIn(answer);
      }
    });
  } },
  h('h1', {}, t('signInTitle')), field(t('email'), email), field(t('password'), password), box, button);
  setTimeout(() => email.focus(), 0);
  return h('main', { id: 'main', class: 'auth-page', tabindex: '-1' }, h('div', { class: 'auth-top' },
    h('span', { class: 'logo' }, t('appName')), languageSwitch()), form);
}

/** After the last step of signing in (or back to its start, given null). */
function signedIn(s) {
  challenge = null;
  adopt(s);
  render();
}

/** A page of the signing-in flow: the logo and language above a form. */
function authPage(form) {
  return h('main', { id: 'main', class: 'auth-page', tabindex: '-1' }, h('div', { class: 'auth-top' },
    h('span', { class: 'logo' }, t('appName')), languageSwitch()), form);
}

function passwordView() {
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true, id: 'pw-current' });
  const next = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: '12', id: 'pw-new' });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: '12', id: 'pw-again' });
  const box = messageBox();
  const button = h('button', { type: 'submit', class: 'primary', id: 'pw-submit' }, t('savePassword'));
  const form = h('form', { class: 'card auth', onsubmit: (event) => {
    event.preventDefault();
    if (next.value.length < 12) {
      box.error(new Error(t('passwordTooShort')));
      return;
    }
    if (next.value !== again.value) {
      box.error(new Error(t('passwordsDiffer')));
      return;
    }
    busy(button, box, async () => {
      await api('/api/v1/session/password', { method: 'POST', body: { currentPassword: current.value, newPassword: next.value } });
      adopt(await api('/api/v1/session'));
      render();
    });
  } },
  h('h1', {}, t('changePasswordTitle')), h('p', {}, t('changePasswordText')),
  field(t('currentPassword'), current), field(t('newPassword'), next), field(t('repeatPassword'), again), box, button,
  h('button', { type: 'button', class: 'link', onclick: signOut }, t('signOut')));
  setTimeout(() => current.focus(), 0);
  return h('main', { id: 'main', class: 'auth-page', tabindex: '-1' }, h('div', { class: 'auth-top' },
    h('span', { class: 'logo' }, t('appName')), languageSwitch()), form);
}

async function signOut() {
  try {
    await api('/api/v1/session', { method: 'DELETE' });
  } catch {
    // the session may already be gone; sign out locally anyway
  }
  signedOut();
}

function shell() {
  const nav = h('nav', { id: 'nav', class: 'nav', 'aria-label': t('nav') },
    h('ul', {}, PAGES.filter((p) => can(p.role)).map((p) => h('li', {},
      h('a', { href: `#/${p.id}`, id: `nav-${p.id}`, 'data-page': p.id }, t(`nav_${p.id}`),
        p.id === 'alerts' ? h('span', { class: 'count', id: 'alert-badge', hidden: true }) : null)))));
  const toggle = h('button', { type: 'button', class: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'nav',
    onclick: () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      nav.classList.toggle('open', open);
    } }, t('menu'));
  nav.addEventListener('click', (event) => {
    if (event.target.closest('a')) {
      toggle.setAttribute('aria-expanded', 'false');
      nav.classList.remove('open');
    }
  });
  const liveState = h('span', { class: 'live', id: 'live-state', role: 'status' });
  onLive('state', (on) => {
    liveState.className = on ? 'live on' : 'live';
    liveState.textContent = on ? t('live_on') : t('live_off');
  });
  const who = session.user ? session.user.email : session.actor;
  return h('div', { class: 'shell' },
    h('header', { class: 'topbar' },
      toggle, h('a', { class: 'logo', href: '#/overview' }, t('appName')), liveState,
      h('span', { class: 'who' }, t('signedInAs', { actor: who, role: t(`role_${session.role}`) })),
      languageSwitch(),
      h('button', { type: 'button', class: 'secondary', id: 'signout', onclick: signOut }, t('signOut'))),
    nav,
    h('main', { id: 'main', class: 'content', tabindex: '-1' }));
}

function updateAlertBadge() {
  const badge = document.getElementById('alert-badge');
  if (badge) {
    badge.hidden = unseenAlerts === 0;
    badge.textContent = String(unseenAlerts);
  }
}

/**
 * After a move to another page (not a new query on the same one, such as a filter), the focus goes to the new
 * page's heading, so keyboard and screen reader users start in the new content rather than on a link that is gone
 * or still in the menu. Unless they have already moved into the page themselves while it loaded.
 */
function focusHeading(main) {
  const active = document.activeElement;
  if (active && active !== document.body && active !== main && main.contains(active)) {
    return;
  }
  const heading = main.querySelector('h1') || main;
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}

async function renderPage({ navigated = false } = {}) {
  const main = document.getElementById('main');
  if (!main) {
    return;
  }
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const { id, params, query } = route();
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.page === id) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  if (id === 'alerts') {
    unseenAlerts = 0;
  }
  updateAlertBadge();
  const page = PAGES.find((p) => p.id === id);
  const token = ++renderToken;
  const path = [id, ...params].join('/');
  const moved = navigated && path !== shownPath;
  shownPath = path;
  // A new query on the same page (a filter): the page is drawn again, so the control that changed it is a new
  // element; the focus goes back to the one with the same id instead of being lost to the top of the page.
  const before = document.activeElement;
  const keep = navigated && !moved && before && before.id && main.contains(before) ? before.id : null;
  const shown = () => {
    if (moved) {
      focusHeading(main);
    } else if (keep) {
      const again = document.getElementById(keep);
      if (again && main.contains(again) && document.activeElement !== again) {
        again.focus();
      }
    }
  };
  if (!page) {
    replace(main, h('h1', {}, t('notFound')));
    shown();
    return;
  }
  if (!can(page.role)) {
    replace(main, h('h1', {}, t('forbidden')));
    shown();
    return;
  }
  document.title = `${t(`nav_${id}`)} · ${t('appName')}`;
  replace(main, h('p', { class: 'loading' }, t('loading')));
  try {
    const module = await import(page.module);
    if (token !== renderToken) {
      return;
    }
    main.replaceChildren();
    const result = await module.render(main, { session, params, query, can, navigate });
    if (token !== renderToken) {
      if (typeof result === 'function') {
        result();
      }
      return;
    }
    cleanup = typeof result === 'function' ? result : null;
    shown();
  } catch (e) {
    if (token === renderToken) {
      const box = messageBox();
      box.error(e);
      replace(main, box);
      shown();
    }
  }
}

boot();
