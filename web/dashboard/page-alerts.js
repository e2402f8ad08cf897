// Alerts: filters and a paged list (new alerts arrive live), and one alert's detail with evidence, risk
// reasons, history, the code's scans, and triage (status change with a comment) for operators.
import { api, withQuery } from './api.js';
import { t, register, verdictText, lang } from './i18n.js';
import { h, replace, dateTime, badge, table, field, messageBox, busy } from './dom.js';
import { onLive, insertNewestFirst } from './live.js';

export const RULES = ['cloned_code', 'impossible_travel', 'out_of_market', 'unreleased_scan', 'recalled_scan', 'voided_scan',
  'forged_code', 'overrun', 'scan_burst', 'hotspot', 'shopper_report', 'alliance_match'];
const STATUSES = ['open', 'acknowledged', 'resolved', 'false_positive'];
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

register({
  en: {
    al_title: 'Alerts', al_status: 'Status', al_severity: 'Severity', al_rule: 'Rule', al_batch: 'Batch id', al_any: 'Any',
    al_filter: 'Filter', al_summary: 'What happened', al_lastSeen: 'Last seen', al_hits: 'Hits', al_subject: 'Subject',
    al_firstSeen: 'First seen', al_country: 'Country', al_where: 'Where', al_evidence: 'Evidence', al_history: 'History',
    al_note: 'Note', al_scan: 'Scan', al_from: 'From', al_to: 'To', al_comment: 'Comment',
    al_triage: 'Triage', al_newStatus: 'New status', al_apply: 'Change status', al_changed: 'Status changed to {status}.',
    al_back: '← All alerts', al_scans: 'Scans of this code', al_onMap: 'Show on the map', al_verdict: 'Verdict',
    al_reasons: 'Risk reasons', al_device: 'Device', al_risk: 'Risk', al_code: 'Code', al_open: 'Open code lookup',
    al_counted_staff: 'Staff check, not counted', al_counted_preview: 'Link preview, not counted',
    al_commentHint: 'Why; needed to re-open a closed alert.', al_noEvidence: 'No evidence kept.',
    al_fromDay: 'Seen from (UTC day)', al_toDay: 'Seen until (UTC day)', al_export: 'Export CSV',
    al_exportHint: 'Every alert these filters keep, as a CSV file.',
    rule_cloned_code: 'Cloned code', rule_impossible_travel: 'Impossible travel', rule_out_of_market: 'Out of market',
    rule_unreleased_scan: 'Unreleased batch scanned', rule_recalled_scan: 'Recalled batch scanned',
    rule_voided_scan: 'Voided batch scanned', rule_forged_code: 'Forged code', rule_scan_burst: 'Scan burst',
    rule_hotspot: 'Hotspot', rule_shopper_report: 'Shopper report', rule_alliance_match: 'Alliance match',
    rule_overrun: 'Codes beyond the batch',
  },
  'zh-CN': {
    al_title: '警报', al_status: '状态', al_severity: '严重程度', al_rule: '规则', al_batch: '批次 ID', al_any: '全部',
    al_filter: '筛选', al_summary: '发生了什么', al_lastSeen: '最近出现', al_hits: '次数', al_subject: '对象',
    al_firstSeen: '首次出现', al_country: '国家/地区', al_where: '位置', al_evidence: '证据', al_history: '处理记录',
    al_note: '说明', al_scan: '扫码', al_from: '原状态', al_to: '新状态', al_comment: '备注',
    al_triage: '处理', al_newStatus: '新状态', al_apply: '更改状态', al_changed: '状态已改为{status}。',
    al_back: '← 全部警报', al_scans: '此码的扫码记录', al_onMap: '在地图上查看', al_verdict: '结论',
    al_reasons: '风险原因', al_device: '设备', al_risk: '风险分', al_code: '码', al_open: '打开查码',
    al_counted_staff: '员工查验，不计数', al_counted_preview: '链接预览，不计数',
    al_commentHint: '原因；重新打开已关闭的警报时必填。', al_noEvidence: '没有保留证据。',
    al_fromDay: '出现起始日（UTC）', al_toDay: '出现截止日（UTC）', al_export: '导出 CSV',
    al_exportHint: '按当前筛选条件导出全部警报为 CSV 文件。',
    rule_cloned_code: '克隆码', rule_impossible_travel: '不可能的移动', rule_out_of_market: '市场外扫码',
    rule_unreleased_scan: '未发布批次被扫码', rule_recalled_scan: '已召回批次被扫码',
    rule_voided_scan: '已作废批次被扫码', rule_forged_code: '伪造码', rule_scan_burst: '扫码激增',
    rule_hotspot: '热点', rule_shopper_report: '消费者举报', rule_alliance_match: '联盟关联',
    rule_overrun: '超出批次数量的码',
  },
});

export async function render(main, ctx) {
  return ctx.params[0] ? detail(main, ctx, ctx.params[0]) : list(main, ctx);
}

function select(id, options, value) {
  return h('select', { id }, h('option', { value: '' }, t('al_any')),
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

async function list(main, ctx) {
  const q = ctx.query;
  const status = select('f-status', STATUSES.map((s) => [s, t(`st_${s}`)]), q.get('status') || '');
  const severity = select('f-severity', SEVERITIES.map((s) => [s, t(`sev_${s}`)]), q.get('severity') || '');
  const rule = select('f-rule', RULES.map((r) => [r, t(`rule_${r}`)]), q.get('rule') || '');
  const batch = h('input', { id: 'f-batch', inputmode: 'numeric', value: q.get('batchId') || '' });
  const from = h('input', { id: 'f-from', type: 'date', value: q.get('from') || '' });
  const to = h('input', { id: 'f-to', type: 'date', value: q.get('to') || '' });
  const filter = { status: status.value, severity: severity.value, rule: rule.value, batchId: batch.value.trim(),
    from: from.value, to: to.value };
  // The file holds what the list shows (the filters as applied, not as being edited), in the dashboard's language.
  const exportLink = h('a', { class: 'button', id: 'alert-export', download: '', title: t('al_exportHint'),
    href: withQuery('/api/v1/exports/alerts.csv', { ...filter, lang: lang() }) }, t('al_export'));
  const box = messageBox();
  const results = h('div', { id: 'alert-list' });
  const more = h('button', { type: 'button', hidden: true }, t('more'));
  const form = h('form', { class: 'toolbar', onsubmit: (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    [['status', status], ['severity', severity], ['rule', rule], ['batchId', batch], ['from', from], ['to', to]].forEach(([k, el]) => {
      if (el.value.trim()) {
        params.set(k, el.value.trim());
      }
    });
    location.hash = `#/alerts${params.toString() ? '?' + params : ''}`;
  } },
  field(t('al_status'), status), field(t('al_severity'), severity), field(t('al_rule'), rule), field(t('al_batch'), batch),
  field(t('al_fromDay'), from), field(t('al_toDay'), to),
  h('button', { type: 'submit', id: 'alert-filter', class: 'primary' }, t('al_filter')), exportLink);
  replace(main, h('h1', {}, t('al_title')), form, box, results, h('div', { class: 'actions' }, more));

  const items = [];
  const draw = () => replace(results, table([
    { label: t('al_severity'), value: (a) => badge(a.severity, t(`sev_${a.severity}`)) },
    { label: t('al_status'), value: (a) => badge(a.status, t(`st_${a.status}`)) },
    { label: t('al_summary'), value: (a) => h('a', { href: `#/alerts/${a.id}`, class: 'alert-link' }, a.summary) },
    { label: t('al_rule'), value: (a) => t(`rule_${a.rule}`) },
    { label: t('al_hits'), value: (a) => String(a.hits) },
    { label: t('al_lastSeen'), value: (a) => dateTime(a.lastSeenAt) },
  ], items, { caption: t('al_title'), rowAttrs: (a) => ({ 'data-alert-id': a.id }) }));
  let before = null;
  const load = async () => {
    const page = await api('/api/v1/alerts', { query: { ...filter, limit: 50, before } });
    items.push(...page.items);
    before = page.nextBefore;
    more.hidden = !before;
    draw();
  };
  more.addEventListener('click', () => busy(more, box, load));
  try {
    await load();
  } catch (e) {
    box.error(e);
    exportLink.hidden = true; // filters the list refused would download a problem document
  }
  return onLive('alert', (alert) => {
    const matches = (!filter.status || alert.status === filter.status) && (!filter.severity || alert.severity === filter.severity)
      && (!filter.rule || alert.rule === filter.rule) && (!filter.batchId || alert.batchId === filter.batchId)
      && (!filter.to || String(alert.firstSeenAt).slice(0, 10) <= filter.to);
    const at = items.findIndex((a) => a.id === alert.id);
    if (at >= 0) {
      items.splice(at, 1);
    }
    if (matches) {
      insertNewestFirst(items, alert);
    }
    draw();
  });
}

async function detail(main, ctx, id) {
  const alert = await api(`/api/v1/alerts/${encodeURIComponent(id)}`);
  const view = h('div', { id: 'alert-detail', 'data-alert-id': alert.id, 'data-status': alert.status });
  replace(main, h('p', {}, h('a', { href: '#/alerts' }, t('al_back'))), view);
  const draw = (a) => {
    view.dataset.status = a.status;
    replace(view,
      h('h1', {}, t(`rule_${a.rule}`)),
      h('p', { class: 'actions' }, badge(a.severity, t(`sev_${a.severity}`)),
        h('span', { id: 'alert-status' }, badge(a.status, t(`st_${a.status}`)))),
      h('p', { class: 'summary' }, a.summary),
      h('dl', { class: 'facts card' },
        h('dt', {}, t('al_subject')), h('dd', {}, h('code', {}, a.subject)),
        h('dt', {}, t('al_hits')), h('dd', {}, String(a.hits)),
        h('dt', {}, t('al_firstSeen')), h('dd', {}, dateTime(a.firstSeenAt)),
        h('dt', {}, t('al_lastSeen')), h('dd', {}, dateTime(a.lastSeenAt)),
        a.batchId ? [h('dt', {}, t('al_batch')), h('dd', {}, h('a', { href: `#/batches/${a.batchId}` }, a.batchId),
          a.codeIndex !== null && a.codeIndex !== undefined ? ` #${a.codeIndex}` : '')] : null,
        a.country ? [h('dt', {}, t('al_country')), h('dd', {}, a.country)] : null,
        a.lat !== null && a.lat !== undefined ? [h('dt', {}, t('al_where')),
          h('dd', {}, `${a.lat.toFixed(2)}, ${a.lon.toFixed(2)} · `, h('a', { href: `#/map/alert/${a.id}` }, t('al_onMap')))] : null),
      triage(a, ctx, draw),
      h('h2', {}, t('al_evidence')),
      table([
        { label: t('al_at'), value: (e) => dateTime(e.seenAt) },
        { label: t('al_note'), value: (e) => e.note },
        { label: t('al_scan'), value: (e) => e.scanId ? h('code', {}, e.scanId) : '–' },
      ], a.evidence || [], { caption: t('al_evidence'), empty: t('al_noEvidence') }),
      h('h2', {}, t('al_history')),
      table([
        { label: t('al_at'), value: (e) => dateTime(e.at) },
        { label: t('al_actor'), value: (e) => e.actor },
        { label: t('al_from'), value: (e) => e.from ? t(`st_${e.from}`) : '–' },
        { label: t('al_to'), value: (e) => t(`st_${e.to}`) },
        { label: t('al_comment'), value: (e) => e.comment || '' },
      ], a.history || [], { caption: t('al_history') }),
      scansSection(a));
  };
  draw(alert);
  return onLive('alert', (changed) => {
    if (changed.id === alert.id && changed.status !== view.dataset.status) {
      api(`/api/v1/alerts/${encodeURIComponent(id)}`).then((current) => {
        // This page's own triage may have drawn the change meanwhile; drawing it again would drop the triage
        // message and the focus on it.
        if (current.status !== view.dataset.status) {
          draw(current);
        }
      }).catch(() => {});
    }
  });
}

function triage(alert, ctx, redraw) {
  if (!ctx.can('operator')) {
    return null;
  }
  const status = h('select', { id: 'triage-status' },
    STATUSES.filter((s) => s !== alert.status).map((s) => h('option', { value: s }, t(`st_${s}`))));
  const comment = h('textarea', { id: 'triage-comment', maxlength: '2000' });
  const box = messageBox();
  const button = h('button', { type: 'submit', class: 'primary', id: 'triage-submit' }, t('al_apply'));
  return h('form', { class: 'card', 'aria-labelledby': 'triage-title', onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      await api(`/api/v1/alerts/${encodeURIComponent(alert.id)}/status`, { method: 'POST',
        body: { status: status.value, comment: comment.value.trim() || null } });
      const updated = await api(`/api/v1/alerts/${encodeURIComponent(alert.id)}`);
      redraw(updated);
      // The redraw replaced the button that had the focus: put it on the outcome, so keyboard and screen reader
      // users stay in the triage form instead of starting again from the top of the page.
      const message = document.getElementById('triage-message');
      if (message) {
        message.ok(t('al_changed', { status: t(`st_${updated.status}`) }));
        message.tabIndex = -1;
        message.focus();
      }
    });
  } },
  h('h2', { id: 'triage-title', style: 'margin-top:0' }, t('al_triage')),
  h('div', { class: 'form-grid' }, field(t('al_newStatus'), status)),
  field(t('al_comment'), comment, t('al_commentHint')), Object.assign(box, { id: 'triage-message' }), button);
}

/** The scans of the code an alert is about (code:<batch>:<index>), through the batch's code URL and the lookup. */
function scansSection(alert) {
  const match = /^code:(\d+):(\d+)$/.exec(alert.subject || '');
  if (!match) {
    return null;
  }
  const box = h('div', {}, h('p', { class: 'loading' }, t('loading')));
  (async () => {
    try {
      const code = await api(`/api/v1/batches/${match[1]}/codes/${match[2]}`);
      const found = await api('/api/v1/codes/lookup', { query: { code: code.url } });
      replace(box, h('p', {}, h('a', { href: `#/lookup?code=${encodeURIComponent(code.url)}` }, t('al_open')), ' · ',
        h('a', { href: `#/map/alert/${alert.id}` }, t('al_onMap'))), scanTable(found.scans || []));
    } catch (e) {
      replace(box, h('p', { class: 'empty' }, e.message));
    }
  })();
  return h('section', {}, h('h2', {}, t('al_scans')), box);
}

/** A table of scans (also used by the code lookup). */
export function scanTable(scans) {
  return table([
    { label: t('al_at'), value: (s) => dateTime(s.at) },
    { label: t('al_verdict'), value: (s) => s.countedAs === 'staff' || s.countedAs === 'preview'
      ? h('span', { 'data-counted-as': s.countedAs }, badge(s.verdict, verdictText(s.verdict)), ' ',
        badge('uncounted', t(`al_counted_${s.countedAs}`)))
      : badge(s.verdict, verdictText(s.verdict)) },
    { label: t('al_risk'), value: (s) => s.risk === null || s.risk === undefined ? '–' : String(s.risk) },
    { label: t('al_reasons'), value: (s) => s.riskReasons || s.reason || '' },
    { label: t('al_country'), value: (s) => s.country || '–' },
    { label: t('al_where'), value: (s) => s.lat === null || s.lat === undefined ? '–' : `${s.lat.toFixed(2)}, ${s.lon.toFixed(2)}` },
    { label: t('al_device'), value: (s) => s.device ? h('code', {}, s.device) : '–' },
  ], scans, { caption: t('al_scans') });
}
