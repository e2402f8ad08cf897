// Overview: codes minted, scans (today, 7 and 30 days), genuine and suspect shares, open alerts by severity,
// scans over time (uPlot), and the live alert feed; the feed and the counts update from the live events.
import { api, withQuery } from './api.js';
import { t, register, lang, verdictText } from './i18n.js';
import { h, replace, number, percent, dateTime, badge, loadScript, loadStyle, table, field } from './dom.js';
import { onLive, insertNewestFirst } from './live.js';

const UPLOT = '/webjars/uplot/1.6.30/dist/';
const AXIS_FONT = '12px system-ui, sans-serif';
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

register({
  en: {
    ov_title: 'Overview', codesMinted: 'Codes minted', codesInDrafts: 'Codes in draft batches', scansToday: 'Scans today', scansHour: 'Scans this hour',
    scans7: 'Scans, 7 days', scans30: 'Scans, 30 days', genuineShare: 'Genuine (30 days)', suspectShare: 'Suspect (30 days)',
    openAlerts: 'Open alerts', scansOverTime: 'Scans over time', days30: 'Last 30 days', hours48: 'Last 48 hours',
    period: 'Period', genuine: 'Genuine', suspect: 'Suspect', notGenuine: 'Not genuine', scans: 'Scans', time: 'Time',
    liveFeed: 'Live alerts', liveFeedHint: 'New and changed alerts appear here as they happen.',
    showTable: 'Show the numbers as a table', allAlerts: 'All alerts', noAlerts: 'No alerts yet.',
    ov_firstSteps: 'First steps', ov_firstStepsHint: 'No label of your brand has been scanned yet. Four steps get you there:',
    ov_stepProduct: 'Create a product', ov_stepProductHint: 'its name, GTIN and the markets it is sold in.',
    ov_stepBatch: 'Mint a batch of codes', ov_stepBatchHint: 'one signed code per item, as a draft until you release it.',
    ov_stepLabels: 'Print the labels', ov_stepLabelsHint: 'open the batch and download its label sheets.',
    ov_stepScan: 'Scan one', ov_stepScanHint: 'with any phone\'s camera, or look a code up here; its scans show on this page.',
    ov_done: 'done',
    ov_exportTitle: 'Export scans', ov_exportIntro: 'Every scan of your codes in these days (UTC), as a CSV file: when, verdict, code, risk, place and a pseudonym of the phone.',
    ov_from: 'From', ov_to: 'Until', ov_verdict: 'Verdict', ov_batch: 'Batch id', ov_any: 'Any', ov_export: 'Export CSV',
  },
  'zh-CN': {
    ov_title: '概览', codesMinted: '已生成的码', codesInDrafts: '草稿批次中的码', scansToday: '今日扫码', scansHour: '本小时扫码',
    scans7: '7 天扫码', scans30: '30 天扫码', genuineShare: '正品占比（30 天）', suspectShare: '可疑占比（30 天）',
    openAlerts: '未处理警报', scansOverTime: '扫码趋势', days30: '最近 30 天', hours48: '最近 48 小时',
    period: '时间段', genuine: '正品', suspect: '可疑', notGenuine: '非正品', scans: '扫码', time: '时间',
    liveFeed: '实时警报', liveFeedHint: '新的和有变化的警报会实时显示在这里。',
    showTable: '以表格显示数据', allAlerts: '全部警报', noAlerts: '还没有警报。',
    ov_firstSteps: '开始使用', ov_firstStepsHint: '本品牌的标签还没有被扫过。完成以下四步即可开始：',
    ov_stepProduct: '创建产品', ov_stepProductHint: '填写名称、GTIN 和销售市场。',
    ov_stepBatch: '生成一批码', ov_stepBatchHint: '每件商品一个签名码；发布前为草稿。',
    ov_stepLabels: '打印标签', ov_stepLabelsHint: '打开批次，下载标签纸文件。',
    ov_stepScan: '扫一个码', ov_stepScanHint: '用任何手机的相机扫码，或在此查码；扫码记录会显示在本页。',
    ov_done: '已完成',
    ov_exportTitle: '导出扫码记录', ov_exportIntro: '将这些日期（UTC）内您的码的全部扫码记录导出为 CSV 文件：时间、结论、码、风险分、位置和手机的化名。',
    ov_from: '起始日', ov_to: '截止日', ov_verdict: '结论', ov_batch: '批次 ID', ov_any: '全部', ov_export: '导出 CSV',
  },
});

/** One line of the live feed. */
export function alertItem(alert) {
  return h('li', { 'data-alert-id': alert.id, class: 'alert-item' },
    h('div', { class: 'actions', style: 'margin:0' },
      badge(alert.severity, t(`sev_${alert.severity}`)), badge(alert.status, t(`st_${alert.status}`)),
      h('a', { href: `#/alerts/${encodeURIComponent(alert.id)}` }, alert.summary)),
    h('small', { class: 'hint' }, `${dateTime(alert.lastSeenAt)} · ${alert.rule} · ${alert.subject}`));
}

export async function render(main) {
  const statsBox = h('div', { class: 'stats', id: 'stats' });
  const severityBox = h('div', { class: 'severity-list', id: 'open-alerts' });
  const chartBox = h('div', { class: 'chart', id: 'chart', role: 'img', 'aria-label': t('scansOverTime') });
  const chartTable = h('div');
  const periodSelect = h('select', { id: 'period' },
    h('option', { value: 'daily' }, t('days30')), h('option', { value: 'hourly' }, t('hours48')));
  const feed = h('ul', { class: 'feed', id: 'live-feed', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  const feedEmpty = h('p', { class: 'empty' }, t('noAlerts'));
  const stepsBox = h('div');
  replace(main,
    h('h1', {}, t('ov_title')), stepsBox, statsBox,
    h('h2', {}, t('openAlerts')), severityBox,
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'chart-title' },
        h('div', { class: 'toolbar' }, h('h2', { id: 'chart-title', style: 'margin:0;flex:1' }, t('scansOverTime')),
          h('div', { class: 'field' }, h('label', { for: 'period', class: 'visually-hidden' }, t('period')), periodSelect)),
        chartBox, h('details', {}, h('summary', {}, t('showTable')), chartTable)),
      h('section', { 'aria-labelledby': 'feed-title' },
        h('h2', { id: 'feed-title' }, t('liveFeed')), h('p', { class: 'hint' }, t('liveFeedHint')),
        feedEmpty, feed, h('p', {}, h('a', { href: '#/alerts' }, t('allAlerts'))))),
    scanExport());

  loadStyle(UPLOT + 'uPlot.min.css');
  const loadedAt = Date.now() - 2000;
  const [overview, alerts] = await Promise.all([
    api('/api/v1/stats/overview'),
    api('/api/v1/alerts', { query: { limit: 15 } }),
    loadScript(UPLOT + 'uPlot.iife.min.js'),
  ]);
  const counts = { ...overview, scansHour: null, hourKey: null };
  // With no scans the shares are 0 of 0: shown as '–' rather than a meaningless '0 %' (live scans move the counts
  // but not the shares, so those of a page loaded without scans stay '–' until the next load).
  const share = (value) => percent(overview.scans30Days > 0 ? value : null);
  const drawStats = () => replace(statsBox, [
    ['codesMinted', number(counts.codesMinted)],
    // Drafts are not printed for sale yet, so they are not "minted"; shown apart, and only when there are some.
    ...(counts.codesInDrafts > 0 ? [['codesInDrafts', number(counts.codesInDrafts)]] : []),
    ['scansHour', number(counts.scansHour)],
    ['scansToday', number(counts.scansToday)], ['scans7', number(counts.scans7Days)],
    ['scans30', number(counts.scans30Days)], ['genuineShare', share(counts.genuineShare)],
    ['suspectShare', share(counts.suspectShare)],
  ].map(([key, value]) => h('div', { class: 'stat', id: `stat-${key}` },
    h('span', { class: 'value' }, value), h('span', { class: 'label' }, t(key)))));
  drawStats();
  if (!overview.scans30Days && !alerts.items.length) {
    firstSteps(stepsBox, overview);
  }
  const open = { ...(overview.openAlerts || {}) };
  const drawSeverities = () => replace(severityBox, SEVERITIES.map((s) => h('a', { href: `#/alerts?status=open&severity=${s}`,
    class: 'stat', style: 'min-width:7rem', id: `open-${s}` },
  h('span', { class: 'value' }, number(open[s] || 0)), badge(s, t(`sev_${s}`)))));
  drawSeverities();

  let plot = null;
  const draw = () => {
    const points = periodSelect.value === 'hourly' ? overview.hourly : overview.daily;
    if (plot) {
      plot.destroy();
    }
    plot = chart(chartBox, points, periodSelect.value === 'hourly');
    replace(chartTable, table([
      { label: t('time'), value: (p) => p.at },
      { label: t('scans'), value: (p) => number(p.scans) },
      { label: t('genuine'), value: (p) => number(p.genuine) },
      { label: t('suspect'), value: (p) => number(p.suspect) },
      { label: t('notGenuine'), value: (p) => number(p.notGenuine) },
    ], points, { caption: t('scansOverTime') }));
  };
  periodSelect.addEventListener('change', draw);
  draw();
  const resize = new ResizeObserver(() => plot && plot.setSize({ width: chartBox.clientWidth - 16, height: 260 }));
  resize.observe(chartBox);

  alerts.items.forEach((a) => feed.append(alertItem(a)));
  // The alerts the feed shows, in its order (most recently seen first), so a live one goes in its place.
  const shown = [...alerts.items];
  // What the feed knew of each alert, so a live change moves the open counts by severity.
  const known = new Map(alerts.items.map((a) => [a.id, a]));
  feedEmpty.hidden = alerts.items.length > 0;
  const stopAlerts = onLive('alert', (alert) => {
    stepsBox.replaceChildren(); // the brand's first alert: its first scans have come
    const existing = feed.querySelector(`[data-alert-id="${CSS.escape(alert.id)}"]`);
    if (existing) {
      existing.remove();
    }
    const was = shown.findIndex((a) => a.id === alert.id);
    if (was >= 0) {
      shown.splice(was, 1);
    }
    const before = known.get(alert.id);
    const wasOpen = before ? before.status === 'open' : false;
    if (before && wasOpen && (alert.status !== 'open' || alert.severity !== before.severity)) {
      open[before.severity] = Math.max(0, (open[before.severity] || 0) - 1);
    }
    // An alert the feed did not list may be an old open one that changed: counted already unless it is new.
    const isNew = before ? true : Date.parse(alert.firstSeenAt) >= loadedAt;
    if (alert.status === 'open' && isNew && (!wasOpen || alert.severity !== before.severity)) {
      open[alert.severity] = (open[alert.severity] || 0) + 1;
    }
    known.set(alert.id, alert);
    drawSeverities();
    const item = alertItem(alert);
    item.classList.add('fresh');
    feed.insertBefore(item, feed.children[insertNewestFirst(shown, alert)] || null);
    feedEmpty.hidden = true;
  });
  const stopScans = onLive('scans', (hour) => {
    const key = String(hour.hour);
    if (counts.hourKey === key && hour.scans > counts.scansHour) {
      const added = hour.scans - counts.scansHour;
      counts.scansToday += added;
      counts.scans7Days += added;
      counts.scans30Days += added;
    }
    counts.hourKey = key;
    counts.scansHour = hour.scans;
    if (hour.scans > 0) {
      stepsBox.replaceChildren();
    }
    drawStats();
  });
  return () => {
    stopAlerts();
    stopScans();
    resize.disconnect();
    if (plot) {
      plot.destroy();
    }
  };
}

/**
 * For a brand with no scans yet, the way to its first one: product, batch, labels, scan; each step links to its
 * page, and the steps the brand has taken are marked done.
 */
async function firstSteps(box, overview) {
  let products = 0;
  try {
    products = (await api('/api/v1/products', { query: { limit: 1 } })).items.length;
  } catch {
    // not known: the step is simply not marked done
  }
  const done = [products > 0 || overview.codesMinted > 0, overview.codesMinted > 0, false, false];
  const steps = [['ov_stepProduct', '#/products'], ['ov_stepBatch', '#/batches'], ['ov_stepLabels', '#/batches'],
    ['ov_stepScan', '#/lookup']];
  replace(box, h('section', { class: 'card first-steps', id: 'first-steps', 'aria-labelledby': 'first-steps-title' },
    h('h2', { id: 'first-steps-title', style: 'margin-top:0' }, t('ov_firstSteps')),
    h('p', { class: 'hint' }, t('ov_firstStepsHint')),
    h('ol', {}, steps.map(([key, href], i) => h('li', { 'data-done': String(done[i]) },
      h('a', { href }, t(key)), ' – ', t(`${key}Hint`), done[i] ? [' ', badge('genuine', t('ov_done'))] : null)))));
}

/** How wide the widest of some labels is, in CSS pixels, in the chart's axis font. */
function widestLabel(labels) {
  const context = document.createElement('canvas').getContext('2d');
  context.font = AXIS_FONT;
  return Math.max(0, ...labels.map((label) => context.measureText(label).width));
}

const VERDICTS = ['genuine', 'seen_before', 'suspect', 'recalled', 'not_released', 'voided', 'not_genuine'];

/** Days, verdict and batch for a CSV of the scan log; the link follows the fields as they change. */
function scanExport() {
  const day = (offset) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  const from = h('input', { id: 'export-from', type: 'date', value: day(29), required: true });
  const to = h('input', { id: 'export-to', type: 'date', value: day(0), required: true });
  const verdict = h('select', { id: 'export-verdict' }, h('option', { value: '' }, t('ov_any')),
    VERDICTS.map((v) => h('option', { value: v }, verdictText(v))));
  const batch = h('input', { id: 'export-batch', inputmode: 'numeric', pattern: '[0-9]*' });
  const link = h('a', { class: 'button primary', id: 'scan-export', download: '' }, t('ov_export'));
  const update = () => {
    const batchId = /^[0-9]+$/.test(batch.value.trim()) ? batch.value.trim() : '';
    link.href = withQuery('/api/v1/exports/scans.csv', { from: from.value, to: to.value, verdict: verdict.value, batchId });
    // A backwards range would download a problem document instead of scans.
    link.hidden = Boolean(from.value && to.value && to.value < from.value);
  };
  [from, to, verdict, batch].forEach((input) => ['input', 'change'].forEach((type) => input.addEventListener(type, update)));
  update();
  return h('section', { 'aria-labelledby': 'export-title' },
    h('h2', { id: 'export-title' }, t('ov_exportTitle')), h('p', { class: 'hint' }, t('ov_exportIntro')),
    h('div', { class: 'toolbar' }, field(t('ov_from'), from), field(t('ov_to'), to), field(t('ov_verdict'), verdict),
      field(t('ov_batch'), batch), link));
}

function chart(box, points, hourly) {
  const xs = points.map((p) => Math.floor(new Date(hourly ? p.at : `${p.at}T00:00:00Z`).getTime() / 1000));
  const series = (label, stroke, fill) => ({ label, stroke, fill, width: 2, points: { show: false } });
  const format = (seconds) => new Date(seconds * 1000).toLocaleString(lang(), hourly
    ? { month: 'short', day: 'numeric', hour: '2-digit' } : { month: 'short', day: 'numeric' });
  // uPlot puts a date tick every 50 px by default, narrower than an hour's label (and, on a phone, a day's in
  // Chinese): the ticks are spaced by the widest label instead, so the labels never overlap.
  const space = Math.ceil(widestLabel(xs.map(format))) + 16;
  let ticks = [];
  const options = {
    width: Math.max(280, box.clientWidth - 16),
    height: 260,
    scales: { x: { time: true } },
    series: [
      { label: t('time') },
      series(t('genuine'), '#1b6b35', 'rgba(27,107,53,0.08)'),
      series(t('suspect'), '#a4161a', 'rgba(164,22,26,0.08)'),
      series(t('notGenuine'), '#7a4a00', null),
    ],
    axes: [{ stroke: '#4a5461', font: AXIS_FONT, space, values: (u, splits) => {
      ticks = splits;
      return splits.map((x) => (x === null ? null : format(x)));
    } }, { stroke: '#4a5461' }],
    hooks: { draw: [(u) => {
      // Where each date label is drawn (centred on its tick), for the browser test that checks none overlap.
      box.dataset.xLabels = JSON.stringify(ticks.filter((x) => x !== null).map((x) => {
        const at = u.valToPos(x, 'x');
        const half = widestLabel([format(x)]) / 2;
        return [at - half, at + half];
      }));
    }] },
  };
  const data = [xs, points.map((p) => p.genuine), points.map((p) => p.suspect), points.map((p) => p.notGenuine)];
  return new window.uPlot(options, data, box);
}
