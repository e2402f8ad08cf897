// Batches: list and create (operators), and one batch: how far it has reached shoppers (codes scanned, suspect codes,
// countries), release, recall or void with a reason, its history, a preview of its first label, and label downloads in
// every format with the PDF sheet settings.
import { api, check, withQuery } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, number, percent, table, field, messageBox, busy, badge } from './dom.js';
import { markets } from './page-products.js';

register({
  en: {
    ba_title: 'Batches', ba_new: 'New batch', ba_quantity: 'Quantity',
    ba_markets: 'Markets', ba_marketsHint: 'Blank: the product\'s markets.', ba_profile: 'Code profile',
    ba_compact: 'compact (small QR)', ba_gs1: 'GS1 Digital Link (needs a GTIN)', ba_create: 'Create batch',
    ba_created: 'Batch {id} created as a draft.', ba_status: 'Status', ba_createdAt: 'Created', ba_open: 'Open',
    ba_allProducts: 'All products', ba_noProducts: 'Create a product first.', ba_back: '← All batches',
    ba_createdBy: 'Created by', ba_changedBy: 'Status changed by', ba_history: 'History',
    ba_reason: 'Reason', ba_release: 'Release', ba_recall: 'Recall', ba_void: 'Void',
    ba_confirm: '{action} batch {id}? This cannot be undone.', ba_changed: 'The batch is now {status}.',
    ba_labels: 'Labels', ba_format: 'Format', ba_from: 'First index', ba_count: 'How many',
    ba_countHint: 'Blank: to the end of the batch.', ba_download: 'Download labels', ba_sheet: 'PDF sheet',
    ba_paper: 'Paper', ba_labelWidth: 'Label width (mm)', ba_labelHeight: 'Label height (mm)', ba_columns: 'Columns',
    ba_rows: 'Rows', ba_marginTop: 'Top margin (mm)', ba_marginLeft: 'Left margin (mm)', ba_columnGap: 'Column gap (mm)',
    ba_rowGap: 'Row gap (mm)', ba_sheetHint: 'Blank fields take the paper\'s defaults.', ba_preview: 'First label',
    ba_fmt_pdf: 'PDF label sheets', ba_fmt_csv: 'CSV for label printers', ba_fmt_zip: 'ZIP of SVG labels',
    ba_fmt_zpl: 'ZPL for thermal printers', ba_single: 'One label', ba_index: 'Index', ba_png: 'PNG', ba_svg: 'SVG',
    ba_checking: 'Checking…',
    ba_progress: 'Progress', ba_progressBar: 'Codes scanned at least once',
    ba_progressText: '{scanned} of {minted} codes scanned at least once ({share})', ba_scans: 'Scans',
    ba_suspectScans: 'Suspect scans', ba_suspectCodes: 'Codes with a suspect verdict', ba_countries: 'Countries',
    ba_country: 'Country', ba_countryUnknown: 'unknown', ba_firstScans: 'Codes first scanned there',
    ba_topCountries: 'Where it is scanned (top {n} of {all} countries)', ba_notScanned: 'No code of this batch was scanned yet.',
  },
  'zh-CN': {
    ba_title: '批次', ba_new: '新建批次', ba_quantity: '数量',
    ba_markets: '销售市场', ba_marketsHint: '留空：沿用产品的市场。', ba_profile: '码格式',
    ba_compact: '紧凑（较小的二维码）', ba_gs1: 'GS1 数字链接（需要 GTIN）', ba_create: '创建批次',
    ba_created: '已创建批次 {id}（草稿）。', ba_status: '状态', ba_createdAt: '创建时间', ba_open: '打开',
    ba_allProducts: '全部产品', ba_noProducts: '请先创建产品。', ba_back: '← 全部批次',
    ba_createdBy: '创建人', ba_changedBy: '状态修改人', ba_history: '历史记录',
    ba_reason: '原因', ba_release: '发布', ba_recall: '召回', ba_void: '作废',
    ba_confirm: '确定要{action}批次 {id} 吗？此操作无法撤销。', ba_changed: '批次现在的状态：{status}。',
    ba_labels: '标签', ba_format: '格式', ba_from: '起始序号', ba_count: '数量',
    ba_countHint: '留空：直到批次末尾。', ba_download: '下载标签', ba_sheet: 'PDF 标签纸',
    ba_paper: '纸张', ba_labelWidth: '标签宽度（毫米）', ba_labelHeight: '标签高度（毫米）', ba_columns: '列数',
    ba_rows: '行数', ba_marginTop: '上边距（毫米）', ba_marginLeft: '左边距（毫米）', ba_columnGap: '列间距（毫米）',
    ba_rowGap: '行间距（毫米）', ba_sheetHint: '留空则使用该纸张的默认值。', ba_preview: '第一个标签',
    ba_fmt_pdf: 'PDF 标签纸', ba_fmt_csv: 'CSV（标签打印机）', ba_fmt_zip: 'SVG 标签 ZIP 包',
    ba_fmt_zpl: 'ZPL（热敏打印机）', ba_single: '单个标签', ba_index: '序号', ba_png: 'PNG', ba_svg: 'SVG',
    ba_checking: '检查中…',
    ba_progress: '扫码进度', ba_progressBar: '至少被扫过一次的码',
    ba_progressText: '{minted} 个码中已有 {scanned} 个至少被扫过一次（{share}）', ba_scans: '扫码次数',
    ba_suspectScans: '可疑扫码次数', ba_suspectCodes: '出现过可疑结果的码', ba_countries: '国家/地区数',
    ba_country: '国家/地区', ba_countryUnknown: '未知', ba_firstScans: '在此首次被扫的码',
    ba_topCountries: '扫码地点（{all} 个国家/地区中的前 {n} 个）', ba_notScanned: '此批次的码尚未被扫过。',
  },
});

const NEXT = { draft: ['release', 'void'], released: ['recall', 'void'], recalled: [], voided: [] };
const SHEET = [['labelWidthMm', 'ba_labelWidth'], ['labelHeightMm', 'ba_labelHeight'], ['columns', 'ba_columns'],
  ['rows', 'ba_rows'], ['marginTopMm', 'ba_marginTop'], ['marginLeftMm', 'ba_marginLeft'],
  ['columnGapMm', 'ba_columnGap'], ['rowGapMm', 'ba_rowGap']];

async function products() {
  return (await api('/api/v1/products', { query: { limit: 500 } })).items;
}

export async function render(main, ctx) {
  return ctx.params[0] ? detail(main, ctx, ctx.params[0]) : list(main, ctx);
}

async function list(main, ctx) {
  const all = await products();
  const names = new Map(all.map((p) => [String(p.id), p.name]));
  const productId = ctx.query.get('productId') || '';
  const filter = h('select', { id: 'batch-filter', onchange: (e) => {
    location.hash = e.target.value ? `#/batches?productId=${e.target.value}` : '#/batches';
  } }, h('option', { value: '' }, t('ba_allProducts')),
  all.map((p) => h('option', { value: p.id, selected: String(p.id) === productId }, p.name)));
  const box = messageBox();
  const listBox = h('div', { id: 'batch-list' });
  const more = h('button', { type: 'button', hidden: true }, t('more'));
  replace(main, h('h1', {}, t('ba_title')),
    ctx.can('operator') ? createForm(all, productId, (batch) => ctx.navigate('batches', batch.id)) : null,
    h('h2', {}, t('ba_title')), h('div', { class: 'toolbar' }, field(t('ba_product'), filter)), box, listBox,
    h('div', { class: 'actions' }, more));
  let items = [];
  let before = null;
  const load = async () => {
    const page = await api('/api/v1/batches', { query: { productId, limit: 100, before } });
    items = items.concat(page.items);
    before = page.nextBefore;
    more.hidden = !before;
    replace(listBox, table([
      { label: 'ID', value: (b) => h('a', { href: `#/batches/${b.id}` }, String(b.id)) },
      { label: t('ba_product'), value: (b) => names.get(String(b.productId)) || String(b.productId) },
      { label: t('ba_lot'), value: (b) => b.lot || '–' },
      { label: t('ba_quantity'), value: (b) => number(b.quantity) },
      { label: t('ba_status'), value: (b) => badge(b.status, t(`bs_${b.status}`)) },
      { label: t('ba_createdAt'), value: (b) => dateTime(b.createdAt) },
    ], items, { caption: t('ba_title') }));
  };
  more.addEventListener('click', () => busy(more, box, load));
  await load().catch((e) => box.error(e));
}

function createForm(all, productId, created) {
  if (!all.length) {
    return h('p', { class: 'card' }, t('ba_noProducts'), ' ', h('a', { href: '#/products' }, t('nav_products')));
  }
  const product = h('select', { id: 'batch-product', required: true },
    all.map((p) => h('option', { value: p.id, selected: String(p.id) === productId }, p.name)));
  const quantity = h('input', { id: 'batch-quantity', type: 'number', min: '1', max: '100000000', required: true, value: '100' });
  const lot = h('input', { id: 'batch-lot', maxlength: '20' });
  const expiry = h('input', { id: 'batch-expiry', type: 'date' });
  const marketsInput = h('input', { id: 'batch-markets' });
  const profile = h('select', { id: 'batch-profile' },
    h('option', { value: 'compact' }, t('ba_compact')), h('option', { value: 'gs1' }, t('ba_gs1')));
  const box = messageBox();
  const button = h('button', { type: 'submit', class: 'primary', id: 'batch-create' }, t('ba_create'));
  return h('form', { class: 'card', 'aria-labelledby': 'batch-new-title', onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      const batch = await api('/api/v1/batches', { method: 'POST', body: {
        productId: Number(product.value), quantity: Number(quantity.value), lot: lot.value.trim() || null,
        expiry: expiry.value || null, markets: markets(marketsInput.value), profile: profile.value } });
      created(batch);
    });
  } },
  h('h2', { id: 'batch-new-title', style: 'margin-top:0' }, t('ba_new')),
  h('div', { class: 'form-grid' }, field(t('ba_product'), product), field(t('ba_quantity'), quantity),
    field(t('ba_lot'), lot), field(t('ba_expiry'), expiry), field(t('ba_markets'), marketsInput, t('ba_marketsHint')),
    field(t('ba_profile'), profile)), box, button);
}

async function detail(main, ctx, id) {
  const view = h('div', { id: 'batch-detail' });
  // One message for status changes, kept across redraws: a recall or void leaves no form to hold it.
  const message = Object.assign(messageBox(), { id: 'batch-message', tabIndex: -1 });
  replace(main, h('p', {}, h('a', { href: '#/batches' }, t('ba_back'))), view);
  const draw = async () => {
    const batch = await api(`/api/v1/batches/${encodeURIComponent(id)}`);
    const [product, history, progress] = await Promise.all([
      api(`/api/v1/products/${batch.productId}`).catch(() => null),
      api(`/api/v1/batches/${batch.id}/history`),
      api(`/api/v1/batches/${batch.id}/progress`),
    ]);
    view.dataset.status = batch.status;
    replace(view,
      h('h1', {}, t('ba_batch', { id: batch.id }), ' ', h('span', { id: 'batch-status' }, badge(batch.status, t(`bs_${batch.status}`)))),
      h('dl', { class: 'facts card' },
        h('dt', {}, t('ba_product')), h('dd', {}, product ? product.name : String(batch.productId)),
        h('dt', {}, t('ba_quantity')), h('dd', {}, number(batch.quantity)),
        h('dt', {}, t('ba_lot')), h('dd', {}, batch.lot || '–'),
        h('dt', {}, t('ba_expiry')), h('dd', {}, batch.expiry || '–'),
        h('dt', {}, t('ba_markets')), h('dd', {}, (batch.markets || []).join(', ') || '–'),
        h('dt', {}, t('ba_profile')), h('dd', {}, batch.profile),
        h('dt', {}, t('ba_createdBy')), h('dd', {}, `${batch.createdBy} · ${dateTime(batch.createdAt)}`),
        h('dt', {}, t('ba_changedBy')), h('dd', {}, `${batch.statusChangedBy} · ${dateTime(batch.statusChangedAt)}`)),
      reach(progress),
      ctx.can('operator') ? statusForm(batch, message, draw) : null,
      ctx.can('operator') && batch.status !== 'voided' ? labels(batch) : null,
      h('h2', {}, t('ba_history')),
      table([
        { label: t('al_at'), value: (e) => dateTime(e.at) },
        { label: t('ba_status'), value: (e) => `${e.fromStatus ? t(`bs_${e.fromStatus}`) + ' → ' : ''}${t(`bs_${e.toStatus}`)}` },
        { label: t('al_actor'), value: (e) => e.actor },
        { label: t('ba_reason'), value: (e) => e.reason || '' },
      ], history.items, { caption: t('ba_history') }));
  };
  await draw();
}

/** How far the batch has reached shoppers: a bar of codes scanned, the counts, and the countries with most scans. */
function reach(p) {
  const text = t('ba_progressText', { scanned: number(p.codesScanned), minted: number(p.codesMinted), share: percent(p.scannedShare) });
  return h('section', { id: 'batch-progress', 'aria-labelledby': 'progress-title' },
    h('h2', { id: 'progress-title' }, t('ba_progress')),
    h('div', { class: 'card' },
      h('progress', { id: 'batch-progress-bar', max: String(p.codesMinted), value: String(p.codesScanned),
        'aria-label': t('ba_progressBar'), 'aria-valuetext': text, style: 'width:100%;height:1.25rem' }),
      h('p', { id: 'batch-progress-text' }, text),
      h('dl', { class: 'facts' },
        h('dt', {}, t('ba_scans')), h('dd', { id: 'batch-progress-scans' }, number(p.scans)),
        h('dt', {}, t('ba_suspectScans')), h('dd', {}, number(p.suspectScans)),
        h('dt', {}, t('ba_suspectCodes')), h('dd', { id: 'batch-progress-suspect-codes' }, number(p.suspectCodes)),
        h('dt', {}, t('ba_countries')), h('dd', {}, number(p.countryCount))),
      p.topCountries.length ? [
        h('h3', {}, t('ba_topCountries', { n: p.topCountries.length, all: p.countryCount })),
        table([
          { label: t('ba_country'), value: (c) => c.country || t('ba_countryUnknown') },
          { label: t('ba_scans'), value: (c) => number(c.scans) },
          { label: t('ba_firstScans'), value: (c) => number(c.codes) },
          { label: t('ba_suspectScans'), value: (c) => number(c.suspect) },
        ], p.topCountries, { caption: t('ba_countries') }),
      ] : h('p', { class: 'empty' }, t('ba_notScanned'))));
}

/** The next statuses of a batch as buttons, or, once it has none (recalled, voided), the status message alone. */
function statusForm(batch, box, redraw) {
  const actions = NEXT[batch.status];
  if (!actions.length) {
    return box;
  }
  const reason = h('input', { id: 'batch-reason', maxlength: '1000' });
  const buttons = actions.map((action) => h('button', { type: 'button', id: `batch-${action}`,
    class: action === 'release' ? 'primary' : 'danger', onclick: (event) => {
      const label = t(`ba_${action}`);
      if (action !== 'release' && !window.confirm(t('ba_confirm', { action: label, id: batch.id }))) {
        return;
      }
      busy(event.currentTarget, box, async () => {
        const changed = await api(`/api/v1/batches/${batch.id}/${action}`, { method: 'POST',
          body: { reason: reason.value.trim() || null } });
        await redraw();
        // As for alerts: the redraw replaced the focused button, so the focus goes to the outcome.
        box.ok(t('ba_changed', { status: t(`bs_${changed.status}`) }));
        box.focus();
      });
    } }, t(`ba_${action}`)));
  return h('div', { class: 'card' }, field(t('ba_reason'), reason), h('div', { class: 'actions' }, buttons), box);
}

function labels(batch) {
  const format = h('select', { id: 'label-format' },
    ['pdf', 'csv', 'zip', 'zpl'].map((f) => h('option', { value: f }, `${f.toUpperCase()} – ${t(`ba_fmt_${f}`)}`)));
  const from = h('input', { id: 'label-from', type: 'number', min: '0', max: String(batch.quantity - 1), value: '0' });
  const count = h('input', { id: 'label-count', type: 'number', min: '1', max: String(batch.quantity) });
  const paper = h('select', { id: 'label-paper' }, h('option', { value: 'A4' }, 'A4'), h('option', { value: 'LETTER' }, 'Letter'));
  const sheetInputs = SHEET.map(([name]) => h('input', { id: `label-${name}`, name, type: 'number', step: 'any', min: '0' }));
  const sheet = h('fieldset', { id: 'label-sheet' }, h('legend', {}, t('ba_sheet')), h('p', { class: 'hint' }, t('ba_sheetHint')),
    h('div', { class: 'form-grid' }, field(t('ba_paper'), paper),
      SHEET.map(([, key], i) => field(t(key), sheetInputs[i]))));
  const link = h('a', { class: 'button primary', id: 'label-download' }, t('ba_download'));
  const box = messageBox();
  const query = () => {
    const q = { format: format.value, from: from.value, count: count.value };
    if (format.value === 'pdf') {
      q.paper = paper.value;
      sheetInputs.forEach((input) => {
        q[input.name] = input.value;
      });
    }
    return q;
  };
  const update = () => {
    sheet.hidden = format.value !== 'pdf';
    link.href = withQuery(`/api/v1/batches/${batch.id}/labels`, query());
    link.setAttribute('download', '');
  };
  [format, from, count, paper, ...sheetInputs].forEach((el) => el.addEventListener('input', update));
  update();
  // A bad setting would download a problem document as a file: check it first with a one-label request.
  link.addEventListener('click', async (event) => {
    if (link.dataset.checked === link.href) {
      return;
    }
    event.preventDefault();
    box.ok(t('ba_checking'));
    try {
      await check(`/api/v1/batches/${batch.id}/labels`, { query: { ...query(), count: 1 } });
      box.clear();
      link.dataset.checked = link.href;
      link.click();
    } catch (e) {
      box.error(e);
    }
  });
  const index = h('input', { id: 'single-index', type: 'number', min: '0', max: String(batch.quantity - 1), value: '0' });
  const png = h('a', { class: 'button', download: '' }, t('ba_png'));
  const svg = h('a', { class: 'button', download: '' }, t('ba_svg'));
  const preview = h('img', { alt: t('ba_preview'), width: '180', height: '180', class: 'card', style: 'padding:4px;background:#fff' });
  const single = () => {
    const i = index.value || '0';
    png.href = `/api/v1/batches/${batch.id}/codes/${i}/label.png`;
    svg.href = `/api/v1/batches/${batch.id}/codes/${i}/label.svg`;
    preview.src = svg.href;
  };
  index.addEventListener('input', single);
  single();
  return h('section', { 'aria-labelledby': 'labels-title' },
    h('h2', { id: 'labels-title' }, t('ba_labels')),
    h('div', { class: 'card' },
      h('div', { class: 'form-grid' }, field(t('ba_format'), format), field(t('ba_from'), from),
        field(t('ba_count'), count, t('ba_countHint'))),
      sheet, h('div', { class: 'actions' }, link), box),
    h('div', { class: 'card' }, h('h3', { style: 'margin-top:0' }, t('ba_single')),
      h('div', { class: 'actions' }, preview, h('div', {}, field(t('ba_index'), index), h('div', { class: 'actions' }, png, svg)))));
}
