// Regular reports: the brand's weekly and monthly reports (PDF with charts, and CSV of the same numbers), made after
// each period ends as the schedule says or on request for any ended period; admins choose the schedule.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, table, field, messageBox, busy, badge } from './dom.js';

register({
  en: {
    per_title: 'Regular reports',
    per_intro: 'Weekly and monthly reports of the brand’s scans, alerts and shopper reports, as a PDF with charts and a CSV of the same numbers. Periods are whole days in UTC; a week starts on Monday.',
    per_schedule: 'Schedule', per_weekly: 'Weekly', per_monthly: 'Monthly', per_saveSchedule: 'Save schedule',
    per_scheduleHint: 'Reports are made automatically after each chosen period ends.',
    per_adminOnly: 'Only an admin can change the schedule.', per_saved: 'Schedule saved.',
    per_generateTitle: 'Report for a period', per_kind: 'Period', per_start: 'First day',
    per_startHint: 'A Monday for a week, the 1st for a month; the period must have ended.',
    per_generate: 'Generate', per_generated: 'The report for {from} to {to} is ready.',
    per_pending: 'The report for {from} to {to} is being made; it appears below when ready.',
    per_list: 'Reports', per_period: 'Period', per_status: 'Status', per_by: 'Requested by', per_readyAt: 'Ready',
    per_download: 'Download', per_bySchedule: 'schedule', per_ready: 'ready', per_inProgress: 'in progress',
    per_none: 'No reports yet.',
  },
  'zh-CN': {
    per_title: '定期报告',
    per_intro: '品牌扫描、警报和消费者举报的每周及每月报告：带图表的 PDF，以及含相同数字的 CSV。周期按 UTC 整日计算；每周从周一开始。',
    per_schedule: '计划', per_weekly: '每周', per_monthly: '每月', per_saveSchedule: '保存计划',
    per_scheduleHint: '所选周期结束后自动生成报告。',
    per_adminOnly: '只有管理员可以更改计划。', per_saved: '计划已保存。',
    per_generateTitle: '生成某一周期的报告', per_kind: '周期', per_start: '第一天',
    per_startHint: '每周报告请选周一，每月报告请选 1 日；该周期必须已经结束。',
    per_generate: '生成', per_generated: '{from} 至 {to} 的报告已生成。',
    per_pending: '{from} 至 {to} 的报告正在生成，完成后会显示在下方。',
    per_list: '报告', per_period: '周期', per_status: '状态', per_by: '请求者', per_readyAt: '完成时间',
    per_download: '下载', per_bySchedule: '计划', per_ready: '已完成', per_inProgress: '生成中',
    per_none: '还没有报告。',
  },
});

/** The first day of the last ended period of a kind (UTC), as YYYY-MM-DD. */
function lastEnded(kind) {
  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (kind === 'monthly') {
    return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  }
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  return new Date(today.getTime() - (sinceMonday + 7) * 86400000).toISOString().slice(0, 10);
}

export async function render(main, ctx) {
  const admin = ctx.can('admin');
  const box = messageBox();
  box.id = 'periodic-message';
  box.tabIndex = -1;
  const list = h('div', { id: 'periodic-list' });
  const load = async () => {
    const page = await api('/api/v1/periodic-reports', { query: { limit: 100 } });
    replace(list, table([
      { label: t('per_period'), value: (r) => `${r.from} – ${r.to}` },
      { label: t('per_kind'), value: (r) => t(r.kind === 'weekly' ? 'per_weekly' : 'per_monthly') },
      { label: t('per_status'), value: (r) => badge(r.status, t(r.status === 'ready' ? 'per_ready' : 'per_inProgress')) },
      { label: t('per_by'), value: (r) => (r.requestedBy === 'schedule' ? t('per_bySchedule') : r.requestedBy) },
      { label: t('per_readyAt'), value: (r) => dateTime(r.readyAt) },
      { label: t('per_download'), value: (r) => (r.status !== 'ready' ? '–' : h('span', {},
        h('a', { href: r.pdfUrl, download: '', id: `periodic-pdf-${r.id}` }, 'PDF'), ' · ',
        h('a', { href: r.csvUrl, download: '', id: `periodic-csv-${r.id}` }, 'CSV'))) },
    ], page.items, { caption: t('per_list'), empty: t('per_none'), rowAttrs: (r) => ({ 'data-report': r.id }) }));
  };
  replace(main, h('h1', {}, t('per_title')), h('p', {}, t('per_intro')), box,
    await scheduleForm(admin, box), generateForm(box, load), h('h2', {}, t('per_list')), list);
  await load().catch((e) => box.error(e));
}

async function scheduleForm(admin, box) {
  const schedule = await api('/api/v1/periodic-reports/schedule').catch((e) => {
    box.error(e);
    return { weekly: false, monthly: true };
  });
  const weekly = h('input', { type: 'checkbox', id: 'periodic-schedule-weekly', checked: schedule.weekly, disabled: !admin });
  const monthly = h('input', { type: 'checkbox', id: 'periodic-schedule-monthly', checked: schedule.monthly, disabled: !admin });
  const save = h('button', { type: 'submit', id: 'periodic-schedule-save', hidden: !admin }, t('per_saveSchedule'));
  return h('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    busy(save, box, async () => {
      await api('/api/v1/periodic-reports/schedule', { method: 'PUT', body: { weekly: weekly.checked, monthly: monthly.checked } });
      box.ok(t('per_saved'));
    });
  } },
  h('h2', { style: 'margin-top:0' }, t('per_schedule')),
  h('fieldset', {}, h('legend', {}, t('per_scheduleHint')),
    h('label', { style: 'margin-right:1rem' }, weekly, ' ', t('per_weekly')),
    h('label', {}, monthly, ' ', t('per_monthly'))),
  admin ? h('div', { class: 'actions' }, save) : h('p', { class: 'hint' }, t('per_adminOnly')));
}

function generateForm(box, created) {
  const kind = h('select', { id: 'periodic-kind' },
    h('option', { value: 'monthly' }, t('per_monthly')), h('option', { value: 'weekly' }, t('per_weekly')));
  const start = h('input', { type: 'date', id: 'periodic-start', required: true, value: lastEnded('monthly') });
  kind.addEventListener('change', () => {
    start.value = lastEnded(kind.value);
  });
  const button = h('button', { type: 'submit', class: 'primary', id: 'periodic-generate' }, t('per_generate'));
  return h('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      const report = await api('/api/v1/periodic-reports', { method: 'POST', body: { kind: kind.value, start: start.value } });
      await created();
      box.ok(t(report.status === 'ready' ? 'per_generated' : 'per_pending', { from: report.from, to: report.to }));
      box.focus();
    });
  } },
  h('h2', { style: 'margin-top:0' }, t('per_generateTitle')),
  h('div', { class: 'form-grid' }, field(t('per_kind'), kind), field(t('per_start'), start, t('per_startHint'))),
  h('div', { class: 'actions' }, button));
}
