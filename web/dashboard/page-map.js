// Map: where the brand's codes are scanned, by country and by located half-degree cell, with open hotspots;
// drawn offline with the shared world map (worldmap.js).
// #/map/alert/<id> also marks that alert's place and the scans of its code.
import { api } from './api.js';
import { t, register, lang } from './i18n.js';
import { h, replace, number, table, messageBox } from './dom.js';
import { loadWorldMap, worldGeo, showChart } from './worldmap.js';

/** ISO 3166-1 codes whose English name differs from the name in the ECharts world outline. */
const MAP_NAMES = {
  AG: 'Antigua and Barb.', AX: 'Aland', BA: 'Bosnia and Herz.', BN: 'Brunei', BO: 'Bolivia', CD: 'Dem. Rep. Congo',
  CF: 'Central African Rep.', CG: 'Congo', CI: "Côte d'Ivoire", CV: 'Cape Verde', CW: 'Curaçao', CZ: 'Czech Rep.',
  DO: 'Dominican Rep.', EH: 'W. Sahara', FK: 'Falkland Is.', FM: 'Micronesia', FO: 'Faeroe Is.', GB: 'United Kingdom',
  GQ: 'Eq. Guinea', GS: 'S. Geo. and S. Sandw. Is.', HM: 'Heard I. and McDonald Is.', IO: 'Br. Indian Ocean Ter.',
  IR: 'Iran', KP: 'Dem. Rep. Korea', KR: 'Korea', KY: 'Cayman Is.', LA: 'Lao PDR', MD: 'Moldova', MK: 'Macedonia',
  MM: 'Myanmar', MP: 'N. Mariana Is.', PF: 'Fr. Polynesia', PM: 'St. Pierre and Miquelon', PS: 'Palestine', RU: 'Russia',
  SB: 'Solomon Is.', SH: 'Saint Helena', SS: 'S. Sudan', ST: 'São Tomé and Principe', SY: 'Syria', SZ: 'Swaziland',
  TC: 'Turks and Caicos Is.', TF: 'Fr. S. Antarctic Lands', TL: 'Timor-Leste', TZ: 'Tanzania', US: 'United States',
  VC: 'St. Vin. and Gren.', VE: 'Venezuela', VI: 'U.S. Virgin Is.', VN: 'Vietnam',
};

register({
  en: {
    mp_title: 'Map of scans', mp_days: 'Period', mp_d7: 'Last 7 days', mp_d30: 'Last 30 days', mp_d90: 'Last 90 days',
    mp_countries: 'Scans by country', mp_country: 'Country', mp_scans: 'Scans', mp_suspect: 'Suspect', mp_notGenuine: 'Not genuine',
    mp_cells: 'Located scans', mp_hotspots: 'Hotspots', mp_alert: 'This alert', mp_codeScans: 'Scans of its code',
    mp_summary: 'What happened', mp_where: 'Where', mp_hits: 'Hits',
    mp_suspectPlaces: 'Places with suspect scans', mp_suspectCodes: 'Suspect codes',
    mp_suspectPlacesNote: 'Located scans in cells of about 50 km; a hotspot alert counts the suspect codes of its cell.',
    mp_unknown: 'Unknown', mp_note: 'Countries are shaded by scans; dots are located scans (red: suspect); rings are open hotspots.',
  },
  'zh-CN': {
    mp_title: '扫码地图', mp_days: '时间段', mp_d7: '最近 7 天', mp_d30: '最近 30 天', mp_d90: '最近 90 天',
    mp_countries: '各国家/地区扫码', mp_country: '国家/地区', mp_scans: '扫码', mp_suspect: '可疑', mp_notGenuine: '非正品',
    mp_cells: '有位置的扫码', mp_hotspots: '热点', mp_alert: '此警报', mp_codeScans: '其码的扫码',
    mp_suspectPlaces: '有可疑扫码的地点', mp_suspectCodes: '可疑码',
    mp_suspectPlacesNote: '约 50 公里范围内有位置的扫码；热点警报统计的是该范围内的可疑码数。',
    mp_summary: '发生了什么', mp_where: '位置', mp_hits: '次数',
    mp_unknown: '未知', mp_note: '国家/地区按扫码量着色；圆点为有位置的扫码（红色为可疑）；圆环为未处理的热点。',
  },
});

function countryName(code, names) {
  if (!code) {
    return t('mp_unknown');
  }
  try {
    return new Intl.DisplayNames([names], { type: 'region' }).of(code) || code;
  } catch {
    return code;
  }
}

export async function render(main, ctx) {
  const days = ctx.query.get('days') || '30';
  const select = h('select', { id: 'map-days', onchange: (e) => {
    const path = ctx.params.length ? `#/map/${ctx.params.map(encodeURIComponent).join('/')}` : '#/map';
    location.hash = `${path}?days=${e.target.value}`;
  } }, [['7', 'mp_d7'], ['30', 'mp_d30'], ['90', 'mp_d90']].map(([v, k]) => h('option', { value: v, selected: v === days }, t(k))));
  const box = h('div', { id: 'map', class: 'map-box', role: 'img', 'aria-label': t('mp_title') });
  const tables = h('div');
  const message = messageBox();
  replace(main, h('h1', {}, t('mp_title')),
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'map-days' }, t('mp_days')), select)),
    h('p', { class: 'hint' }, t('mp_note')), message, box, tables);

  const alertId = ctx.params[0] === 'alert' ? ctx.params[1] : null;
  const [data, focus] = await Promise.all([
    api('/api/v1/stats/map', { query: { days } }),
    alertId ? alertFocus(alertId) : Promise.resolve(null),
    loadWorldMap(),
  ]);
  const map = showChart(box, options(data, focus));
  box.dataset.ready = 'true';

  replace(tables,
    h('h2', {}, t('mp_countries')),
    table([
      { label: t('mp_country'), value: (c) => `${countryName(c.country, lang())}${c.country ? ` (${c.country})` : ''}` },
      { label: t('mp_scans'), value: (c) => number(c.scans) },
      { label: t('mp_suspect'), value: (c) => number(c.suspect) },
      { label: t('mp_notGenuine'), value: (c) => number(c.notGenuine) },
    ], [...data.countries].sort((a, b) => b.scans - a.scans), { caption: t('mp_countries') }),
    h('h2', {}, t('mp_suspectPlaces')),
    h('p', { class: 'hint' }, t('mp_suspectPlacesNote')),
    table([
      { label: t('mp_where'), value: (c) => `${c.lat.toFixed(1)}, ${c.lon.toFixed(1)}` },
      { label: t('mp_scans'), value: (c) => number(c.scans) },
      { label: t('mp_suspect'), value: (c) => number(c.suspect) },
      { label: t('mp_suspectCodes'), value: (c) => number(c.suspectCodes) },
    ], data.cells.filter((c) => c.suspect > 0).sort((a, b) => b.suspectCodes - a.suspectCodes || b.suspect - a.suspect)
      .slice(0, 20), { caption: t('mp_suspectPlaces'), rowAttrs: () => ({ class: 'suspect-place' }) }),
    h('h2', {}, t('mp_hotspots')),
    table([
      { label: t('mp_summary'), value: (a) => h('a', { href: `#/alerts/${a.id}` }, a.summary) },
      { label: t('mp_where'), value: (a) => a.lat === null || a.lat === undefined ? '–' : `${a.lat.toFixed(1)}, ${a.lon.toFixed(1)}` },
      { label: t('mp_hits'), value: (a) => String(a.hits) },
    ], data.hotspots, { caption: t('mp_hotspots') }));
  return () => map.dispose();
}

/** An alert and the located scans of its code, to mark on the map. */
async function alertFocus(id) {
  const alert = await api(`/api/v1/alerts/${encodeURIComponent(id)}`);
  const match = /^code:(\d+):(\d+)$/.exec(alert.subject || '');
  let scans = [];
  if (match) {
    try {
      const code = await api(`/api/v1/batches/${match[1]}/codes/${match[2]}`);
      scans = (await api('/api/v1/codes/lookup', { query: { code: code.url } })).scans || [];
    } catch {
      scans = [];
    }
  }
  return { alert, scans: scans.filter((s) => s.lat !== null && s.lat !== undefined) };
}

function options(data, focus) {
  const countries = data.countries.filter((c) => c.country).map((c) => ({
    name: MAP_NAMES[c.country] || countryName(c.country, 'en'), value: c.scans, code: c.country,
  }));
  const max = Math.max(1, ...countries.map((c) => c.value));
  const maxCell = Math.max(1, ...data.cells.map((c) => c.scans));
  const series = [
    { name: t('mp_countries'), type: 'map', geoIndex: 0, data: countries },
    { name: t('mp_cells'), type: 'scatter', coordinateSystem: 'geo', zlevel: 1,
      data: data.cells.map((c) => ({ value: [c.lon, c.lat, c.scans, c.suspect],
        itemStyle: { color: c.suspect > 0 ? '#a4161a' : '#0b57a4' } })),
      symbolSize: (v) => 6 + 18 * Math.sqrt(v[2] / maxCell) },
    { name: t('mp_hotspots'), type: 'effectScatter', coordinateSystem: 'geo', zlevel: 2,
      data: data.hotspots.filter((a) => a.lat !== null && a.lat !== undefined).map((a) => ({ name: a.summary, value: [a.lon, a.lat, a.hits] })),
      symbolSize: 18, rippleEffect: { brushType: 'stroke' }, itemStyle: { color: '#a4161a' } },
  ];
  let center;
  let zoom = 1.1;
  if (focus) {
    const points = focus.scans.map((s) => [s.lon, s.lat]);
    if (focus.alert.lat !== null && focus.alert.lat !== undefined) {
      points.push([focus.alert.lon, focus.alert.lat]);
    }
    series.push({ name: t('mp_codeScans'), type: 'scatter', coordinateSystem: 'geo', zlevel: 3, symbol: 'diamond',
      symbolSize: 14, itemStyle: { color: '#7a4a00' }, data: points.map((p) => ({ value: p })) });
    if (points.length) {
      center = points[0];
      zoom = 4;
    }
  }
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p) => (p.seriesType === 'map'
      ? `${p.name}: ${number(p.value || 0)}` : `${p.seriesName}: ${Array.isArray(p.value) && p.value[2] !== undefined ? number(p.value[2]) : ''}`) },
    visualMap: { min: 0, max, left: 10, bottom: 10, seriesIndex: 0, calculable: false, text: [number(max), '0'],
      inRange: { color: ['#e8eef5', '#6b9bd1', '#0b57a4'] } },
    geo: worldGeo({ zoom, center }),
    series,
  };
}
