// The "Shared intelligence" section of an alliance on the alliances page: what members share with it (GET
// /api/v1/alliances/{id}/intel) as a table, filtered by signal class and to the items the brand saw itself too, a page
// of 50 at a time; the located items (hotspots and forgery waves) also as points on the world map, whose text
// alternative is the table. Sellers and label hosts are counterfeit sites: they are shown as text, never as links.
import { api } from './api.js';
import { t, register, lang } from './i18n.js';
import { h, replace, number, table, badge, messageBox } from './dom.js';
import { loadWorldMap, worldGeo, showChart, escapeHtml } from './worldmap.js';

/** The signal classes of the intel API, in the order of the class filter. */
const CLASSES = ['hotspots', 'sellers', 'label_hosts', 'forgery_waves'];
/** Classes whose items are map cells, and their colour on the map. */
const COLOURS = { hotspots: '#a4161a', forgery_waves: '#6a3d9a' };
const PER_PAGE = 50;
/** The most items the API gives on one page; "only ours" reads every page at this size and filters them here. */
const MAX_PER_PAGE = 200;

register({
  en: {
    ai_title: 'Shared intelligence in “{name}”',
    ai_window: 'Items cover what sharing members saw in the last {days} days. Items shared anonymously name no brand; items shared with a name list it.',
    ai_class: 'Signal class', ai_all: 'All classes', ai_ours: 'Only items we saw too',
    ai_class_hotspots: 'Hotspot', ai_class_sellers: 'Suspect seller', ai_class_label_hosts: 'Label host',
    ai_class_forgery_waves: 'Forgery wave',
    ai_colClass: 'Class', ai_colItem: 'Item', ai_colMembers: 'Members', ai_colCount: 'Count', ai_colSeen: 'Seen',
    ai_colOurs: 'Seen by us', ai_oursBadge: 'We saw it too',
    ai_caption: 'Shared intelligence in “{name}”, page {page} of {pages}',
    ai_around: 'around {lat}, {lon}', ai_week: 'week {week} of {year}',
    ai_membersOne: '1 member', ai_membersMany: '{count} members', ai_anonymous: '{count} anonymous',
    ai_unit_hotspots_one: '1 suspect scan', ai_unit_hotspots_many: '{count} suspect scans',
    ai_unit_sellers_one: '1 shopper', ai_unit_sellers_many: '{count} shoppers',
    ai_unit_label_hosts_one: '1 label read', ai_unit_label_hosts_many: '{count} label reads',
    ai_unit_forgery_waves_one: '1 forged code', ai_unit_forgery_waves_many: '{count} forged codes',
    ai_range: '{first} – {last}',
    ai_shown: 'Items {from}–{to} of {total}.', ai_page: 'Page {page} of {pages}',
    ai_previous: 'Previous', ai_next: 'Next',
    ai_previousFor: 'Previous page of the shared intelligence in “{name}”',
    ai_nextFor: 'Next page of the shared intelligence in “{name}”',
    ai_mapLabel: 'Map of the located items shared in “{name}”',
    ai_mapNote: 'Dots on the map are the hotspots (red) and forgery waves (purple) of this page, larger where more members saw them. The table lists the same items, and the rest.',
    ai_emptyNobody: 'Nothing to show: nobody in this alliance shares {what} yet. Each member’s admin chooses what the brand shares in the “What we share” panel.',
    ai_emptyFloor: 'Fewer than {floor} members share {classes}: items shared anonymously stay hidden until {floor} members share the class (items shared with a name are shown).',
    ai_emptyQuiet: 'Nothing seen by sharing members in the last {days} days.',
    ai_emptyQuietClass: 'No {class} seen by sharing members in the last {days} days.',
    ai_emptyOurs: 'None of the items is one the brand saw itself too. Clear “Only items we saw too” to see the others.',
    ai_whatAll: 'anything',
    ai_plural_hotspots: 'hotspots', ai_plural_sellers: 'suspect sellers', ai_plural_label_hosts: 'label hosts',
    ai_plural_forgery_waves: 'forgery waves',
    ai_listSep: ', ',
  },
  'zh-CN': {
    ai_title: '“{name}”中的共享情报',
    ai_window: '条目为共享成员在最近 {days} 天内发现的内容。匿名共享的条目不显示品牌；以名义共享的条目会列出品牌名称。',
    ai_class: '信号类别', ai_all: '全部类别', ai_ours: '仅显示我们也发现的条目',
    ai_class_hotspots: '热点', ai_class_sellers: '可疑卖家', ai_class_label_hosts: '标签主机',
    ai_class_forgery_waves: '伪造浪潮',
    ai_colClass: '类别', ai_colItem: '条目', ai_colMembers: '成员', ai_colCount: '数量', ai_colSeen: '发现时间',
    ai_colOurs: '我们也发现', ai_oursBadge: '我们也发现了',
    ai_caption: '“{name}”中的共享情报，第 {page} / {pages} 页',
    ai_around: '约 {lat}, {lon} 附近', ai_week: '{year} 年第 {week} 周',
    ai_membersOne: '1 个成员', ai_membersMany: '{count} 个成员', ai_anonymous: '{count} 个匿名',
    ai_unit_hotspots_one: '1 次可疑扫描', ai_unit_hotspots_many: '{count} 次可疑扫描',
    ai_unit_sellers_one: '1 名消费者', ai_unit_sellers_many: '{count} 名消费者',
    ai_unit_label_hosts_one: '1 次标签读取', ai_unit_label_hosts_many: '{count} 次标签读取',
    ai_unit_forgery_waves_one: '1 个伪造码', ai_unit_forgery_waves_many: '{count} 个伪造码',
    ai_range: '{first} – {last}',
    ai_shown: '第 {from}–{to} 条，共 {total} 条。', ai_page: '第 {page} / {pages} 页',
    ai_previous: '上一页', ai_next: '下一页',
    ai_previousFor: '上一页（“{name}”中的共享情报）',
    ai_nextFor: '下一页（“{name}”中的共享情报）',
    ai_mapLabel: '“{name}”中共享的有位置条目地图',
    ai_mapNote: '地图上的圆点是本页的热点（红色）和伪造浪潮（紫色），发现的成员越多，圆点越大。表格列出了相同的条目以及其余条目。',
    ai_emptyNobody: '暂无内容：本联盟中还没有成员共享{what}。每个成员的管理员在“我们共享的内容”面板中选择品牌共享的内容。',
    ai_emptyFloor: '共享{classes}的成员少于 {floor} 个：匿名共享的条目要等到有 {floor} 个成员共享该类别后才会显示（以名义共享的条目会显示）。',
    ai_emptyQuiet: '共享成员在最近 {days} 天内没有发现任何内容。',
    ai_emptyQuietClass: '共享成员在最近 {days} 天内没有发现任何{class}。',
    ai_emptyOurs: '这些条目中没有本品牌也发现的。取消勾选“仅显示我们也发现的条目”即可查看其他条目。',
    ai_whatAll: '任何内容',
    ai_plural_hotspots: '热点', ai_plural_sellers: '可疑卖家', ai_plural_label_hosts: '标签主机',
    ai_plural_forgery_waves: '伪造浪潮',
    ai_listSep: '、',
  },
});

/**
 * The section of one alliance. It loads at once; reload() reads it again (after the brand's sharing changed, say) and
 * dispose() frees its map.
 */
export function intelSection(alliance) {
  const id = alliance.id;
  const base = `intel-${id}`;
  const state = { cls: '', ours: false, page: 1 };
  const box = messageBox();
  box.id = `${base}-message`;
  const select = h('select', { id: `${base}-class`, onchange: () => {
    state.cls = select.value;
    state.page = 1;
    reload();
  } }, h('option', { value: '' }, t('ai_all')), CLASSES.map((c) => h('option', { value: c }, t(`ai_class_${c}`))));
  const ours = h('input', { type: 'checkbox', id: `${base}-ours`, onchange: () => {
    state.ours = ours.checked;
    state.page = 1;
    reload();
  } });
  const windowLine = h('p', { class: 'hint', id: `${base}-window` }, t('ai_window', { days: 30 }));
  const body = h('div', { id: `${base}-body` }, h('p', { class: 'loading' }, t('loading')));
  const section = h('section', { class: 'card intel', id: base, 'data-alliance': id, 'aria-labelledby': `${base}-title` },
    h('h3', { id: `${base}-title` }, t('ai_title', { name: alliance.name })), windowLine,
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: select.id }, t('ai_class')), select),
      h('div', { class: 'field check' }, ours, h('label', { for: ours.id }, t('ai_ours')))),
    box, body);
  let map = null;
  let loading = 0;

  const dispose = () => {
    if (map) {
      map.dispose();
      map = null;
    }
  };
  const reload = async (focusId) => {
    const token = ++loading;
    section.dataset.ready = 'false';
    box.clear();
    let view;
    try {
      view = await read(id, state);
    } catch (e) {
      if (token === loading) {
        dispose();
        replace(body);
        box.error(e);
        section.dataset.ready = 'true';
      }
      return;
    }
    if (token !== loading) {
      return;
    }
    if (!view.items.length && view.total > 0 && state.page > 1) {
      // Fewer items than before (a member stopped sharing, say): show the last page there is.
      state.page = Math.ceil(view.total / PER_PAGE);
      reload(focusId);
      return;
    }
    windowLine.textContent = t('ai_window', { days: view.windowDays });
    dispose();
    const drawn = await draw(body, alliance, view, state, (page, from) => {
      state.page = page;
      reload(from);
    });
    if (token !== loading) {
      // A newer read replaced this one while the map library loaded.
      if (drawn) {
        drawn.dispose();
      }
      return;
    }
    map = drawn;
    // The page buttons are drawn again with the page: the focus goes back to the one pressed, or to the other one
    // when it is disabled now (on the first or last page), or to the count.
    if (focusId) {
      [focusId, focusId.endsWith('-next') ? `${base}-previous` : `${base}-next`, `${base}-shown`]
        .map((candidate) => document.getElementById(candidate)).find((e) => e && !e.disabled)?.focus();
    }
    section.dataset.ready = 'true';
    section.dataset.total = String(view.total);
  };
  section.reload = reload;
  section.dispose = dispose;
  reload();
  return section;
}

/**
 * What the section shows: a page of items, how many match in all, and the sharing settings (for why it may be
 * empty). The API pages the items but has no filter for the brand's own: with "only ours", every page is read and
 * filtered here, then paged the same way.
 */
async function read(id, state) {
  const path = `/api/v1/alliances/${id}/intel`;
  const settings = api(`/api/v1/alliances/${id}/sharing`);
  // Awaited below unless the items fail first; their error is the one to report.
  settings.catch(() => {});
  if (!state.ours) {
    const answer = await api(path, { query: { class: state.cls, page: state.page, per_page: PER_PAGE } });
    return { windowDays: answer.windowDays, floor: answer.anonymityFloor, total: answer.total, items: answer.items,
      unfiltered: answer.total, settings: await settings };
  }
  const all = [];
  let answer;
  let page = 1;
  do {
    answer = await api(path, { query: { class: state.cls, page, per_page: MAX_PER_PAGE } });
    all.push(...answer.items);
    page += 1;
  } while (answer.items.length && all.length < answer.total);
  const mine = all.filter((i) => i.seenByUs);
  const from = (state.page - 1) * PER_PAGE;
  return { windowDays: answer.windowDays, floor: answer.anonymityFloor, total: mine.length,
    items: mine.slice(from, from + PER_PAGE), unfiltered: answer.total, settings: await settings };
}

/** The table, the pager and the map of a page of items, or why there are none; answers the map (or null). */
async function draw(body, alliance, view, state, go) {
  const base = `intel-${alliance.id}`;
  if (!view.items.length) {
    replace(body, h('div', { class: 'empty intel-empty', id: `${base}-empty` },
      emptyReasons(view, state).map((text) => h('p', {}, text))));
    return null;
  }
  const pages = Math.max(1, Math.ceil(view.total / PER_PAGE));
  const from = (state.page - 1) * PER_PAGE + 1;
  const rows = table([
    { label: t('ai_colClass'), value: (i) => t(`ai_class_${i.signalClass}`) },
    { label: t('ai_colItem'), value: (i) => h('span', { class: 'intel-key' }, itemText(i)) },
    { label: t('ai_colMembers'), value: (i) => membersText(i) },
    { label: t('ai_colCount'), value: (i) => countText(i) },
    { label: t('ai_colSeen'), value: (i) => seenText(i) },
    { label: t('ai_colOurs'), value: (i) => (i.seenByUs ? badge('ours', t('ai_oursBadge')) : '–') },
  ], view.items, { caption: t('ai_caption', { name: alliance.name, page: state.page, pages }),
    rowAttrs: (i) => ({ 'data-class': i.signalClass, 'data-key': i.key, 'data-ours': String(i.seenByUs) }) });
  rows.id = `${base}-table`;
  const pager = h('div', { class: 'actions pager' },
    h('button', { type: 'button', id: `${base}-previous`, disabled: state.page <= 1,
      'aria-label': t('ai_previousFor', { name: alliance.name }), onclick: () => go(state.page - 1, `${base}-previous`) },
    t('ai_previous')),
    h('span', { id: `${base}-page` }, t('ai_page', { page: state.page, pages })),
    h('button', { type: 'button', id: `${base}-next`, disabled: state.page >= pages,
      'aria-label': t('ai_nextFor', { name: alliance.name }), onclick: () => go(state.page + 1, `${base}-next`) },
    t('ai_next')));
  const located = view.items.filter((i) => COLOURS[i.signalClass] && i.lat !== null && i.lat !== undefined);
  const mapBox = located.length ? h('div', { id: `${base}-map`, class: 'map-box intel-map', role: 'img',
    'aria-label': t('ai_mapLabel', { name: alliance.name }), 'aria-describedby': `${base}-mapnote` }) : null;
  replace(body,
    h('p', { id: `${base}-shown`, tabindex: '-1' }, t('ai_shown', { from: number(from), to: number(from + view.items.length - 1),
      total: number(view.total) })),
    mapBox ? [h('p', { class: 'hint', id: `${base}-mapnote` }, t('ai_mapNote')), mapBox] : null,
    rows, pages > 1 ? pager : null);
  if (!mapBox) {
    return null;
  }
  await loadWorldMap();
  const map = showChart(mapBox, mapOptions(located));
  mapBox.dataset.ready = 'true';
  mapBox.dataset.points = String(located.length);
  return map;
}

/** Why a page is empty, from the filters and who shares what. */
function emptyReasons(view, state) {
  const classes = state.cls ? [state.cls] : CLASSES;
  const shared = classes.filter((c) => view.settings.classes[c].sharingMembers > 0);
  if (state.ours && view.unfiltered > 0) {
    return [t('ai_emptyOurs')];
  }
  if (!shared.length) {
    return [t('ai_emptyNobody', { what: state.cls ? t(`ai_plural_${state.cls}`) : t('ai_whatAll') })];
  }
  const below = shared.filter((c) => !view.settings.classes[c].anonymityFloorMet);
  return [
    below.length ? t('ai_emptyFloor', { floor: view.floor,
      classes: below.map((c) => t(`ai_plural_${c}`)).join(t('ai_listSep')) }) : null,
    state.cls ? t('ai_emptyQuietClass', { days: view.windowDays, class: t(`ai_plural_${state.cls}`) })
      : t('ai_emptyQuiet', { days: view.windowDays }),
  ].filter(Boolean);
}

/** A cell as its middle ("around 52.2, 13.2"), a wave with its ISO week too; sellers and hosts as they are. */
function itemText(item) {
  if (item.lat === null || item.lat === undefined) {
    return item.key;
  }
  const around = t('ai_around', { lat: item.lat.toFixed(1), lon: item.lon.toFixed(1) });
  const week = /@(\d{4})-W(\d{1,2})$/.exec(item.key);
  return week ? `${around}, ${t('ai_week', { year: week[1], week: Number(week[2]) })}` : around;
}

/** "2 members: Acme Watches, 1 anonymous": the names members shared with, the rest counted. */
function membersText(item) {
  const count = item.members === 1 ? t('ai_membersOne') : t('ai_membersMany', { count: number(item.members) });
  const named = item.namedMembers || [];
  const anonymous = item.members - named.length;
  const parts = [...named, anonymous > 0 ? t('ai_anonymous', { count: number(anonymous) }) : null].filter(Boolean);
  return `${count}: ${parts.join(t('ai_listSep'))}`;
}

function countText(item) {
  const key = `ai_unit_${item.signalClass}_${item.count === 1 ? 'one' : 'many'}`;
  return t(key, { count: number(item.count) });
}

function seenText(item) {
  const day = (value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? String(value)
      : date.toLocaleDateString(lang(), { dateStyle: 'medium', timeZone: 'UTC' });
  };
  return item.firstSeen === item.lastSeen ? day(item.lastSeen)
    : t('ai_range', { first: day(item.firstSeen), last: day(item.lastSeen) });
}

/** A row's text, for the map's tooltip: the same words as the table. */
function rowText(item) {
  return [t(`ai_class_${item.signalClass}`), itemText(item), membersText(item), countText(item), seenText(item),
    item.seenByUs ? t('ai_oursBadge') : null].filter(Boolean).join(' · ');
}

/** One scatter series per located class, so the legend names the colours; a point grows with its members. */
function mapOptions(items) {
  const series = Object.entries(COLOURS).map(([c, colour]) => ({
    name: t(`ai_class_${c}`), type: 'scatter', coordinateSystem: 'geo', zlevel: 1, itemStyle: { color: colour },
    data: items.filter((i) => i.signalClass === c).map((i) => ({ name: rowText(i), value: [i.lon, i.lat, i.members] })),
    symbolSize: (v) => 8 + 5 * Math.min(v[2], 8),
  })).filter((s) => s.data.length);
  return {
    animation: false,
    legend: { data: series.map((s) => s.name), left: 10, top: 10 },
    tooltip: { trigger: 'item', formatter: (p) => escapeHtml(p.name) },
    geo: worldGeo(),
    series,
  };
}
