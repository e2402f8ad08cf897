// Run by Selenium as the body of a function: arguments[0] is what to measure on the current page. axe-core (Axe.java)
// checks WCAG 2 A and AA, text contrast included; these are the checks it does not make:
//   'focus':        whether the focused element shows a focus indicator (2.4.7): an outline of at least 1px whose
//                   colour has 3:1 against what surrounds it (1.4.11), or a box shadow. axe cannot see focus styles.
//   'overflow':     whether the page scrolls sideways, and the elements that stick out past the viewport (1.4.10
//                   reflow at a phone's width). axe has no reflow rule.
//   'placeholders': contrast (1.4.3) of the placeholder of every visible empty field; axe's color-contrast rule
//                   skips ::placeholder text.
const mode = arguments[0];

function rgba(text) {
  const m = /^rgba?\(([^)]*)\)$/.exec(String(text).trim());
  if (!m) {
    return null;
  }
  const p = m[1].split(/[\s,/]+/).filter(Boolean).map((v) => (v.endsWith('%') ? parseFloat(v) / 100 : parseFloat(v)));
  return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
}

function over(top, bottom, alpha) {
  const a = alpha === undefined ? top.a : alpha;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

function channel(v) {
  const c = v / 255;
  return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

function luminance(c) {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

function ratio(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

function hex(c) {
  return '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
}

/** The opaque colour behind an element: its own and its ancestors' backgrounds over the white canvas; null over an image. */
function background(element) {
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.backgroundImage !== 'none') {
      return null;
    }
    const c = rgba(style.backgroundColor);
    if (c && c.a > 0) {
      layers.push(c);
      if (c.a >= 1) {
        break;
      }
    }
  }
  let colour = { r: 255, g: 255, b: 255, a: 1 };
  for (let i = layers.length - 1; i >= 0; i--) {
    colour = over(layers[i], colour);
  }
  return colour;
}

function opacity(element) {
  let value = 1;
  for (let e = element; e; e = e.parentElement) {
    value *= parseFloat(getComputedStyle(e).opacity);
  }
  return value;
}

function describe(e) {
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className
    ? '.' + e.className.trim().split(/\s+/).join('.') : '');
}

function check(e, text, fg, size, weight, kind, failures) {
  const bg = background(e);
  if (!bg) {
    failures.push(`${describe(e)} "${text}": text over a background image cannot be measured`);
    return;
  }
  if (!fg) {
    failures.push(`${describe(e)} "${text}": colour ${getComputedStyle(e).color} cannot be read`);
    return;
  }
  const shown = over(fg, bg, fg.a * opacity(e));
  const large = size >= 24 || (weight >= 700 && size >= 18.66);
  const need = large ? 3 : 4.5;
  const r = ratio(shown, bg);
  if (r < need) {
    failures.push(`${describe(e)} ${kind} "${text}": ${r.toFixed(2)}:1 < ${need}:1`
      + ` (${hex(shown)} on ${hex(bg)}, ${size}px ${weight})`);
  }
}

function placeholders() {
  const failures = [];
  let checked = 0;
  document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach((e) => {
    if (e.value || !e.placeholder || e.disabled || !e.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      return;
    }
    checked++;
    const style = getComputedStyle(e, '::placeholder');
    check(e, e.placeholder, rgba(style.color), parseFloat(style.fontSize), Number(style.fontWeight), 'placeholder', failures);
  });
  return { checked, failures };
}

function focus() {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) {
    return { element: 'body', visible: false, detail: 'nothing is focused' };
  }
  const style = getComputedStyle(e);
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const width = parseFloat(style.outlineWidth) || 0;
  const colour = rgba(style.outlineColor);
  let contrastRatio = null;
  if (style.outlineStyle !== 'none' && width >= 1 && colour) {
    // An outline with an offset is drawn over the parent's background; one inside the element over its own.
    const behind = background(parseFloat(style.outlineOffset) >= 0 ? (e.parentElement || e) : e);
    contrastRatio = behind ? ratio(over(colour, behind), behind) : null;
  }
  const outlined = contrastRatio !== null && contrastRatio >= 3;
  return {
    element: describe(e),
    text: (e.innerText || e.value || '').trim().slice(0, 40),
    visible: Boolean(outlined || shadow),
    detail: `outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`
      + (contrastRatio === null ? '' : ` (${contrastRatio.toFixed(2)}:1)`) + `; box-shadow ${style.boxShadow}`,
  };
}

/** Inside a box that scrolls or clips its own overflow, such as a wide table's wrapper. */
function contained(e) {
  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') {
      return true;
    }
  }
  return false;
}

function overflow() {
  const root = document.documentElement;
  const limit = root.clientWidth + 1;
  const wide = [];
  document.querySelectorAll('body *').forEach((e) => {
    const box = e.getBoundingClientRect();
    if (box.width > 0 && box.right + window.scrollX > limit && e.checkVisibility() && !contained(e)
      && ![...e.children].some((c) => c.getBoundingClientRect().right + window.scrollX > limit)) {
      wide.push(`${describe(e)} right=${Math.round(box.right + window.scrollX)}`);
    }
  });
  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 10) };
}

return mode === 'placeholders' ? placeholders() : mode === 'focus' ? focus() : overflow();
