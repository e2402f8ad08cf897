// Small helpers to build the page from data without innerHTML, so nothing the server sends becomes markup.
import { t, lang } from './i18n.js';

/** An element: h('button', {class: 'x', onclick: fn}, 'text', child, [more children]). */
export function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([key, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      element.className = value;
    } else if (key === 'text') {
      element.textContent = value;
    } else if (key in element && typeof value !== 'string') {
      element[key] = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  });
  append(element, children);
  return element;
}

function append(element, children) {
  children.flat(Infinity).forEach((child) => {
    if (child === undefined || child === null || child === false) {
      return;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  });
}

/** Replaces an element's content. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A date-time in the chosen language, or a dash. */
export function dateTime(value) {
  if (!value) {
    return '–';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value)
    : date.toLocaleString(lang(), { dateStyle: 'medium', timeStyle: 'short' });
}

/** A whole number with grouping. */
export function number(value) {
  return value === undefined || value === null ? '–' : Number(value).toLocaleString(lang());
}

/** A share 0..1 as a percentage. */
export function percent(value) {
  return value === undefined || value === null ? '–'
    : (Number(value) * 100).toLocaleString(lang(), { maximumFractionDigits: 1 }) + ' %';
}

/** A labelled form field; the input gets an id and the label points at it. */
let fieldCounter = 0;
export function field(label, input, hint) {
  const id = input.id || `f${++fieldCounter}`;
  input.id = id;
  const hintElement = hint ? h('small', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintElement) {
    input.setAttribute('aria-describedby', hintElement.id);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hintElement);
}

/** One field error as a sentence ending in punctuation ("gtin: must be ... digit."), so a list read aloud or copied
 * as text never runs two errors together. */
export function fieldSentence(e) {
  const message = String(e.message || '').trim();
  return `${e.field}: ${message}${/[.!?]$/.test(message) ? '' : '.'}`;
}

/** A message area for a form: shows an error (with field errors) or a success, and is read by screen readers. */
export function messageBox() {
  const box = h('div', { class: 'message', role: 'status', 'aria-live': 'polite', hidden: true });
  box.error = (error) => {
    box.className = 'message error';
    box.setAttribute('role', 'alert');
    const fields = error && Array.isArray(error.errors) && error.errors.length > 1
      ? h('ul', {}, error.errors.flatMap((e, i) => (i === 0 ? [] : ['\n']).concat(h('li', {}, fieldSentence(e))))) : null;
    replace(box, h('strong', {}, t('error')), ' ', fields ? '' : (error && error.message) || String(error), fields);
    box.hidden = false;
  };
  box.ok = (text) => {
    box.className = 'message ok';
    box.setAttribute('role', 'status');
    replace(box, text);
    box.hidden = false;
  };
  box.clear = () => {
    box.hidden = true;
    box.replaceChildren();
  };
  return box;
}

/** Runs an action from a button, disabling it meanwhile and reporting failure in the message box. */
export async function busy(button, box, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (box) {
    box.clear();
  }
  try {
    return await action();
  } catch (e) {
    if (box) {
      box.error(e);
    }
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** A table from rows: columns [{label, value: row => node|string}]. */
export function table(columns, rows, { caption, empty, rowAttrs } = {}) {
  if (!rows.length) {
    return h('p', { class: 'empty' }, empty || t('none'));
  }
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption || '' },
    h('table', {},
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', rowAttrs ? rowAttrs(row) : {},
        columns.map((c) => h('td', { 'data-label': c.label }, c.value(row))))))));
}

/** A badge for a status or severity. */
export function badge(kind, text) {
  return h('span', { class: `badge badge-${kind}` }, text);
}

/** Loads a classic script (a WebJar's browser bundle) once. */
const scripts = new Map();
export function loadScript(src) {
  if (!scripts.has(src)) {
    scripts.set(src, new Promise((resolve, reject) => {
      const script = h('script', { src });
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(script);
    }));
  }
  return scripts.get(src);
}

/** Loads a style sheet once. */
export function loadStyle(href) {
  if (!document.querySelector(`link[href="${href}"]`)) {
    document.head.append(h('link', { rel: 'stylesheet', href }));
  }
}
