// Shopper reports: what shoppers reported from the verdict page (where they bought it, the seller, a comment),
// filtered by day, batch and verdict, and exported as CSV with the same filters.
import { api, withQuery } from './api.js';
import { t, register, verdictText } from './i18n.js';
import { h, replace, dateTime, table, messageBox, busy, badge, field } from './dom.js';

const VERDICTS = ['genuine', 'seen_before', 'suspect', 'recalled', 'not_released', 'voided', 'not_genuine'];

register({
  en: {
    rp_title: 'Shopper reports', rp_intro: 'Reports shoppers sent from the verification page.', rp_place: 'Where bought',
    rp_seller: 'Seller', rp_comment: 'Comment', rp_verdict: 'Verdict', rp_code: 'Code', rp_country: 'Country', rp_at: 'When',
    rp_from: 'From (UTC day)', rp_to: 'Until (UTC day)', rp_batch: 'Batch id', rp_any: 'Any', rp_filter: 'Filter',
    rp_export: 'Export CSV', rp_exportHint: 'Every report these filters keep, as a CSV file.',
  },
  'zh-CN': {
    rp_title: '消费者举报', rp_intro: '消费者在验证页面提交的举报。', rp_place: '购买地点',
    rp_seller: '卖家', rp_comment: '留言', rp_verdict: '结论', rp_code: '码', rp_country: '国家/地区', rp_at: '时间',
    rp_from: '起始日（UTC）', rp_to: '截止日（UTC）', rp_batch: '批次 ID', rp_any: '全部', rp_filter: '筛选',
    rp_export: '导出 CSV', rp_exportHint: '按当前筛选条件导出全部举报为 CSV 文件。',
  },
});

export async function render(main, ctx) {
  const q = ctx.query;
  const from = h('input', { id: 'rp-from', type: 'date', value: q.get('from') || '' });
  const to = h('input', { id: 'rp-to', type: 'date', value: q.get('to') || '' });
  const batch = h('input', { id: 'rp-batch', inputmode: 'numeric', value: q.get('batchId') || '' });
  const verdict = h('select', { id: 'rp-verdict' }, h('option', { value: '' }, t('rp_any')),
    VERDICTS.map((v) => h('option', { value: v, selected: v === q.get('verdict') }, verdictText(v))));
  const filter = { from: from.value, to: to.value, batchId: batch.value.trim(), verdict: verdict.value };
  const exportLink = h('a', { class: 'button', id: 'report-export', download: '', title: t('rp_exportHint'),
    href: withQuery('/api/v1/exports/reports.csv', filter) }, t('rp_export'));
  const form = h('form', { class: 'toolbar', onsubmit: (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    [['from', from], ['to', to], ['batchId', batch], ['verdict', verdict]].forEach(([k, el]) => {
      if (el.value.trim()) {
        params.set(k, el.value.trim());
      }
    });
    location.hash = `#/reports${params.toString() ? '?' + params : ''}`;
  } },
  field(t('rp_from'), from), field(t('rp_to'), to), field(t('rp_batch'), batch), field(t('rp_verdict'), verdict),
  h('button', { type: 'submit', id: 'report-filter', class: 'primary' }, t('rp_filter')), exportLink);
  const box = messageBox();
  const list = h('div', { id: 'report-list' });
  const more = h('button', { type: 'button', hidden: true }, t('more'));
  replace(main, h('h1', {}, t('rp_title')), h('p', {}, t('rp_intro')), form, box, list, h('div', { class: 'actions' }, more));
  let items = [];
  let before = null;
  const load = async () => {
    const page = await api('/api/v1/reports', { query: { ...filter, limit: 100, before } });
    items = items.concat(page.items);
    before = page.nextBefore;
    more.hidden = !before;
    replace(list, table([
      { label: t('rp_at'), value: (r) => dateTime(r.createdAt) },
      { label: t('rp_verdict'), value: (r) => r.verdict ? badge(r.verdict, verdictText(r.verdict)) : '–' },
      { label: t('rp_code'), value: (r) => r.batchId ? h('a', { href: `#/batches/${r.batchId}` }, `${r.batchId} #${r.codeIndex ?? '?'}`) : '–' },
      { label: t('rp_place'), value: (r) => r.place || '–' },
      { label: t('rp_seller'), value: (r) => r.seller || '–' },
      { label: t('rp_comment'), value: (r) => r.comment || '' },
      { label: t('rp_country'), value: (r) => r.country || '–' },
    ], items, { caption: t('rp_title') }));
  };
  more.addEventListener('click', () => busy(more, box, load));
  await load().catch((e) => {
    box.error(e);
    exportLink.hidden = true; // filters the list refused would download a problem document
  });
}
