// Products: the brand's products (paged) and, for operators, a form to create one.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, table, field, messageBox, busy } from './dom.js';

register({
  en: {
    pr_title: 'Products', pr_new: 'New product', pr_name: 'Name', pr_gtin: 'GTIN', pr_gtinHint: 'GTIN-8, -12, -13 or -14; optional.',
    pr_description: 'Description', pr_image: 'Image URL', pr_markets: 'Markets',
    pr_marketsHint: 'Country codes separated by commas, e.g. FR, DE, CN.', pr_create: 'Create product',
    pr_created: 'Product "{name}" created.', pr_batches: 'Batches', pr_createdAt: 'Created',
  },
  'zh-CN': {
    pr_title: '产品', pr_new: '新建产品', pr_name: '名称', pr_gtin: 'GTIN', pr_gtinHint: 'GTIN-8、-12、-13 或 -14；可选。',
    pr_description: '描述', pr_image: '图片网址', pr_markets: '销售市场',
    pr_marketsHint: '用逗号分隔的国家/地区代码，例如 FR, DE, CN。', pr_create: '创建产品',
    pr_created: '已创建产品“{name}”。', pr_batches: '批次', pr_createdAt: '创建时间',
  },
});

/** "fr, de cn" -> ["fr", "de", "cn"]; blank -> null. */
export function markets(text) {
  const list = text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
  return list.length ? list : null;
}

export async function render(main, ctx) {
  const box = messageBox();
  const list = h('div', { id: 'product-list' });
  const more = h('button', { type: 'button', hidden: true }, t('more'));
  replace(main, h('h1', {}, t('pr_title')), ctx.can('operator') ? createForm(() => reload()) : null,
    h('h2', {}, t('pr_title')), box, list, h('div', { class: 'actions' }, more));
  let items = [];
  let before = null;
  const draw = () => replace(list, table([
    { label: t('pr_name'), value: (p) => p.name },
    { label: t('pr_gtin'), value: (p) => p.gtin ? h('code', {}, p.gtin) : '–' },
    { label: t('pr_markets'), value: (p) => (p.markets || []).join(', ') || '–' },
    { label: t('pr_createdAt'), value: (p) => dateTime(p.createdAt) },
    { label: t('pr_batches'), value: (p) => h('a', { href: `#/batches?productId=${p.id}` }, t('pr_batches')) },
  ], items, { caption: t('pr_title') }));
  const load = async () => {
    const page = await api('/api/v1/products', { query: { limit: 100, before } });
    items = items.concat(page.items);
    before = page.nextBefore;
    more.hidden = !before;
    draw();
  };
  const reload = () => {
    items = [];
    before = null;
    return load().catch((e) => box.error(e));
  };
  more.addEventListener('click', () => busy(more, box, load));
  await reload();
}

function createForm(created) {
  const name = h('input', { id: 'product-name', required: true, maxlength: '200' });
  const gtin = h('input', { id: 'product-gtin', inputmode: 'numeric' });
  const marketsInput = h('input', { id: 'product-markets' });
  const description = h('textarea', { id: 'product-description', maxlength: '4000' });
  const image = h('input', { id: 'product-image', type: 'url' });
  const box = messageBox();
  const button = h('button', { type: 'submit', class: 'primary', id: 'product-create' }, t('pr_create'));
  const form = h('form', { class: 'card', 'aria-labelledby': 'product-new-title', onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      const product = await api('/api/v1/products', { method: 'POST', body: {
        name: name.value, gtin: gtin.value.trim() || null, description: description.value.trim() || null,
        imageUrl: image.value.trim() || null, markets: markets(marketsInput.value) } });
      form.reset();
      box.ok(t('pr_created', { name: product.name }));
      await created();
    });
  } },
  h('h2', { id: 'product-new-title', style: 'margin-top:0' }, t('pr_new')),
  h('div', { class: 'form-grid' }, field(t('pr_name'), name), field(t('pr_gtin'), gtin, t('pr_gtinHint')),
    field(t('pr_markets'), marketsInput, t('pr_marketsHint')), field(t('pr_image'), image)),
  field(t('pr_description'), description), box, button);
  return form;
}
