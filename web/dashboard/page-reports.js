// Shopper reports: what shoppers reported from the verdict page (where they bought it, the seller, a comment).
import { api } from './api.js';
import { t, register, verdictText } from './i18n.js';
import { h, replace, dateTime, table, messageBox, busy, badge } from './dom.js';

register({
  en: {
    rp_title: 'Shopper reports', rp_intro: 'Reports shoppers sent from the verification page.', rp_place: 'Where bought',
    rp_seller: 'Seller', rp_comment: 'Comment', rp_verdict: 'Verdict', rp_code: 'Code', rp_country: 'Country', rp_at: 'When',
  },
  'zh-CN': {
    rp_title: '消费者举报', rp_intro: '消费者在验证页面提交的举报。', rp_place: '购买地点',
    rp_seller: '卖家', rp_comment: '留言', rp_verdict: '结论', rp_code: '码', rp_country: '国家/地区', rp_at: '时间',
  },
});

export async function render(main) {
  const box = messageBox();
  const list = h('div', { id: 'report-list' });
  const more = h('button', { type: 'button', hidden: true }, t('more'));
  replace(main, h('h1', {}, t('rp_title')), h('p', {}, t('rp_intro')), box, list, h('div', { class: 'actions' }, more));
  let items = [];
  let before = null;
  const load = async () => {
    const page = await api('/api/v1/reports', { query: { limit: 100, before } });
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
  await load().catch((e) => box.error(e));
}
