// Regular reports: the brand's weekly and monthly reports (PDF with charts, and CSV of the same numbers), made after
// each period ends as the schedule says or on request for any ended period; admins choose the schedule.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, table, field, messageBox, busy, badge } from './dom.js';

register({
  en: {
    pr_title: 'Regular reports',
    pr_intro: 'Weekly and monthly reports of the brand’s scans, alerts and shopper reports, as a PDF with charts and a CSV of the same numbers. Periods are whole days in UTC; a week starts on Monday.',
    pr_schedule: 'Schedule', pr_weekly: 'Weekly', pr_monthly: 'Monthly', pr_saveSchedule: 'Save schedule',
    pr_scheduleHint: 'Reports are made automatically after each chosen period ends.',
    pr_adminOnly: 'Only an admin can change the schedule.', pr_saved: 'Schedule saved.',
    pr_generateTitle: 'Report for a period', pr_kind: 'Period', pr_start: 'First day',
    pr_startHint: 'A Monday for a week, the 1st for a month; the period must have ended.',
    pr_generate: 'Generate', pr_generated: 'The report for {from} to {to} is ready.',
    pr_pending: 'The report for {from} to {to} is being made; it appears below when ready.',
    pr_list: 'Reports', pr_period: 'Period', pr_status: 'Status', pr_by: 'Requested by', pr_readyAt: 'Ready',
    pr_download: 'Download', pr_bySchedule: 'schedule', pr_ready: 'ready', pr_inProgress: 'in progress',
    pr_none: 'No reports yet.',
  },
  'zh-CN': {
    pr_title: '定期报告',
    pr_intro: '品牌扫描、警报和消费者举报的每周及每月报告：带图表的 PDF，以及含相同数字的 CSV。周期按 UTC 整日计算；每周从周一开始。',
    pr_schedule: '计划', pr_weekly: '每周', pr_monthly: '每月', pr_saveSchedule: '保存计划',
    pr_scheduleHint: '所选周期结束后自动生成报告。',
    pr_adminOnly: '只有管理员可以更改计划。', pr_saved: '计划已保存。',
    pr_generateTitle: '生成某一周期的报告', pr_kind: '周期', pr_start: '第一天',
    pr_startHint: '每周报告请选周一，每月报告请选 1 日；该周期必须已经结束。',
    pr_generate: '生成', pr_generated: '{from} 至 {to} 的报告已生成。',
    pr_pending: '{from} 至 {to} 的报告正在生成，完成后会显示在下方。',
    pr_list: '报告', pr_period: '周期', pr_status: '状态', pr_by: '请求者', pr_readyAt: '完成时间',
    pr_download: '下载', pr_bySchedule: '计划', pr_ready: '已完成', pr_inProgress: '生成中',
    pr_none: '还没有报告。',
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
      { label: t('pr_period'), value: (r) => `${r.from} – ${r.to}` },
      { label: t('pr_kind'), value: (r) => t(r.kind === 'weekly' ? 'pr_weekly' : 'pr_monthly') },
      { label: t('pr_status'), value: (r) => badge(r.status, t(r.status === 'ready' ? 'pr_ready' : 'pr_inProgress')) },
      { label: t('pr_by'), value: (r) => (r.requestedBy === 'schedule' ? t('pr_bySchedule') : r.requestedBy) },
      { label: t('pr_readyAt'), value: (r) => dateTime(r.readyAt) },
      { label: t('pr_download'), value: (r) => (r.status !== 'ready' ? '–' : h('span', {},
        h('a', { href: r.pdfUrl, download: '', id: `periodic-pdf-${r.id}` }, 'PDF'), ' · ',
        h('a', { href: r.csvUrl, download: '', id: `periodic-csv-${r.id}` }, 'CSV'))) },
    ], page.items, { caption: t('pr_list'), empty: t('pr_none'), rowAttrs: (r) => ({ 'data-report': r.id }) }));
  };
  replace(main, h('h1', {}, t('pr_title')), h('p', {}, t('pr_intro')), box,
    await scheduleForm(admin, box), generateForm(box, load), h('h2', {}, t('pr_list')), list);
  await load().catch((e) => box.error(e));
}

async function scheduleForm(admin, box) {
  const schedule = await api('/api/v1/periodic-reports/schedule').catch((e) => {
    box.error(e);
    return { weekly: false, monthly: true };
  });
  const weekly = h('input', { type: 'checkbox', id: 'periodic-schedule-weekly', checked: schedule.weekly, disabled: !admin });
  const monthly = h('input', { type: 'checkbox', id: 'periodic-schedule-monthly', checked: schedule.monthly, disabled: !admin });
  const save = h('button', { type: 'submit', id: 'periodic-schedule-save', hidden: !admin }, t('pr_saveSchedule'));
  return h('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    busy(save, box, async () => {
      await api('/api/v1/periodic-reports/schedule', { method: 'PUT', body: { weekly: weekly.checked, monthly: monthly.checked } });
      box.ok(t('pr_saved'));
    });
  } },
  h('h2', { style: 'margin-top:0' }, t('pr_schedule')),
  h('fieldset', {}, h('legend', {}, t('pr_scheduleHint')),
    h('label', { style: 'margin-right:1rem' }, weekly, ' ', t('pr_weekly')),
    h('label', {}, monthly, ' ', t('pr_monthly'))),
  admin ? h('div', { class: 'actions' }, save) : h('p', { class: 'hint' }, t('pr_adminOnly')));
}

function generateForm(box, created) {
  const kind = h('select', { id: 'periodic-kind' },
    h('option', { value: 'monthly' }, t('pr_monthly')), h('option', { value: 'weekly' }, t('pr_weekly')));
  const start = h('input', { type: 'date', id: 'periodic-start', required: true, value: lastEnded('monthly') });
  kind.addEventListener('change', () => {
    start.value = lastEnded(kind.value);
  });
  const button = h('button', { type: 'submit', class: 'primary', id: 'periodic-generate' }, t('pr_generate'));
  return h('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      const report = await api('/api/v1/periodic-reports', { method: 'POST', body: { kind: kind.value, start: start.value } });
      await created();
      box.ok(t(report.status === 'ready' ? 'pr_generated' : 'pr_pending', { from: report.from, to: report.to }));
      box.focus();
    });
  } },
  h('h2', { style: 'margin-top:0' }, t('pr_generateTitle')),
  h('div', { class: 'form-grid' }, field(t('pr_kind'), kind), field(t('pr_start'), start, t('pr_startHint'))),
  h('div', { class: 'actions' }, button));
}
