// Verification page: how the brand's verdict pages look to shoppers (name, logo, colour) and where they go next
// (registration, warranty, support). Admins change it; others see it. Pages of forged codes never show any of it.
import { api, upload } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, field, messageBox, busy, dateTime } from './dom.js';

register({
  en: {
    bg_title: 'Verification page',
    bg_intro: 'What shoppers see when they scan one of your genuine codes: your name, logo and colour, and where to go next. Pages of forged codes never show any of it.',
    bg_name: 'Name shown to shoppers', bg_nameHint: 'Leave empty to show your account name ({name}).',
    bg_useColour: 'Use my brand colour for the page\'s top bar', bg_colour: 'Brand colour',
    bg_textOn: 'Text on it is drawn in {colour}, which always stays readable.', bg_white: 'white', bg_black: 'black',
    bg_support: 'Support page or e-mail', bg_supportHint: 'An https:// address or mailto:care@brand.example. Shown on every page of your genuine, suspect or recalled products.',
    bg_warranty: 'Warranty page', bg_registration: 'Product registration page',
    bg_linkHint: 'An https:// address. Shown after a genuine check.',
    bg_logo: 'Logo', bg_logoHint: 'PNG, JPEG or GIF. It is resized to at most 480 × 160 pixels and stored as a PNG under 30 KB, so the page stays light.',
    bg_noLogo: 'No logo yet: the page shows your name instead.', bg_removeLogo: 'Remove logo',
    bg_logoSaved: 'Logo saved.', bg_logoRemoved: 'Logo removed.', bg_saved: 'Saved. Shoppers see it from their next scan.',
    bg_preview: 'Preview', bg_previewLinks: 'Buttons under a genuine check:', bg_noLinks: 'No links set.',
    bg_register: 'Register your product', bg_warrantyButton: 'Warranty', bg_contact: 'Contact {name}',
    bg_readOnly: 'Only admins can change the verification page.', bg_updated: 'Last changed {when} by {who}.',
  },
  'zh-CN': {
    bg_title: '验证页面',
    bg_intro: '消费者扫描您的正品码时看到的内容：您的名称、标志和颜色，以及下一步去哪里。伪造码的页面不会显示其中任何内容。',
    bg_name: '向消费者显示的名称', bg_nameHint: '留空则显示您的账户名称（{name}）。',
    bg_useColour: '页面顶栏使用我的品牌颜色', bg_colour: '品牌颜色',
    bg_textOn: '顶栏上的文字为{colour}，始终清晰可读。', bg_white: '白色', bg_black: '黑色',
    bg_support: '客服网页或电子邮件', bg_supportHint: 'https:// 地址或 mailto:care@brand.example。显示在您的正品、可疑或召回产品的每个页面上。',
    bg_warranty: '保修网页', bg_registration: '产品注册网页',
    bg_linkHint: 'https:// 地址。验证为正品后显示。',
    bg_logo: '标志', bg_logoHint: 'PNG、JPEG 或 GIF。会缩放到最大 480 × 160 像素并存为小于 30 KB 的 PNG，页面因此保持轻量。',
    bg_noLogo: '尚无标志：页面显示您的名称。', bg_removeLogo: '删除标志',
    bg_logoSaved: '标志已保存。', bg_logoRemoved: '标志已删除。', bg_saved: '已保存。消费者下次扫码即可看到。',
    bg_preview: '预览', bg_previewLinks: '验证为正品后显示的按钮：', bg_noLinks: '尚未设置链接。',
    bg_register: '注册您的产品', bg_warrantyButton: '保修', bg_contact: '联系 {name}',
    bg_readOnly: '只有管理员可以修改验证页面。', bg_updated: '最后由 {who} 于 {when} 修改。',
  },
});

/** The text colour the server draws on a brand colour: white or near-black, whichever contrasts more (WCAG 2). */
export function textOn(hex) {
  const lum = (c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const n = parseInt(hex.slice(1), 16);
  const l = 0.2126 * lum((n >> 16) & 255) + 0.7152 * lum((n >> 8) & 255) + 0.0722 * lum(n & 255);
  const ratio = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  return ratio(l, 1) >= ratio(l, lum(0x11)) ? '#ffffff' : '#111111';
}

export async function render(main, ctx) {
  const [settings, brand] = await Promise.all([api('/api/v1/brand/branding'), api('/api/v1/brand')]);
  const admin = ctx.can('admin');
  const input = (id, type, value, extra = {}) => h('input', { id, type, value: value || '', disabled: !admin, ...extra });
  const name = input('branding-name', 'text', settings.displayName, { maxlength: '120', placeholder: brand.name });
  const useColour = input('branding-use-colour', 'checkbox', null, { checked: Boolean(settings.accentColour) });
  const colour = input('branding-colour', 'color', settings.accentColour || '#0a58ca');
  const support = input('branding-support', 'text', settings.supportUrl, { maxlength: '500', inputmode: 'url',
    placeholder: 'https://' });
  const warranty = input('branding-warranty', 'url', settings.warrantyUrl, { maxlength: '500', placeholder: 'https://' });
  const registration = input('branding-registration', 'url', settings.registrationUrl, { maxlength: '500',
    placeholder: 'https://' });
  const textNote = h('small', { class: 'hint', id: 'branding-text-on' });
  const box = messageBox();
  box.id = 'branding-message';
  const logoBox = messageBox();
  logoBox.id = 'branding-logo-message';
  const save = h('button', { type: 'submit', class: 'primary', id: 'branding-save', hidden: !admin }, t('save'));
  const preview = h('div', { id: 'branding-preview', class: 'branding-preview' });
  const logoView = h('div', { id: 'branding-logo' });
  const file = h('input', { type: 'file', id: 'branding-logo-file', accept: 'image/png,image/jpeg,image/gif',
    hidden: !admin });
  const remove = h('button', { type: 'button', class: 'secondary', id: 'branding-logo-remove' }, t('bg_removeLogo'));
  const updated = h('p', { class: 'hint', id: 'branding-updated' });
  let current = settings;

  const showName = () => name.value.trim() || brand.name;
  const drawLogo = () => {
    remove.hidden = !admin || !current.logoUrl;
    replace(logoView, current.logoUrl
      ? h('img', { src: current.logoUrl, alt: showName(), width: String(Math.round(current.logoWidth / 2)),
        height: String(Math.round(current.logoHeight / 2)), class: 'branding-logo' })
      : h('p', { class: 'hint' }, t('bg_noLogo')));
  };
  const drawPreview = () => {
    colour.disabled = !admin || !useColour.checked;
    const accent = useColour.checked ? colour.value : null;
    const text = accent ? textOn(accent) : null;
    textNote.textContent = accent ? t('bg_textOn', { colour: t(text === '#ffffff' ? 'bg_white' : 'bg_black') }) : '';
    const bar = h('div', { class: 'branding-bar', style: accent ? `background:${accent};color:${text}` : '' },
      current.logoUrl ? h('img', { src: current.logoUrl, alt: showName(), height: '32' }) : h('strong', {}, showName()));
    const buttons = [[registration.value, t('bg_register')], [warranty.value, t('bg_warrantyButton')],
      [support.value, t('bg_contact', { name: showName() })]].filter(([url]) => url.trim());
    replace(preview, h('h2', {}, t('bg_preview')), bar,
      h('p', { class: 'hint' }, buttons.length ? t('bg_previewLinks') : t('bg_noLinks')),
      buttons.length ? h('p', {}, buttons.map(([, label]) => h('span', { class: 'branding-button' }, label))) : null);
  };
  const drawUpdated = () => {
    updated.textContent = current.updatedAt
      ? t('bg_updated', { when: dateTime(current.updatedAt), who: current.updatedBy }) : '';
  };
  [name, useColour, colour, support, warranty, registration].forEach((el) => el.addEventListener('input', drawPreview));
  useColour.addEventListener('change', drawPreview);

  file.addEventListener('change', () => {
    const chosen = file.files && file.files[0];
    if (!chosen) {
      return;
    }
    busy(save, logoBox, async () => {
      current = await upload('/api/v1/brand/logo', chosen);
      file.value = '';
      drawLogo();
      drawPreview();
      drawUpdated();
      logoBox.ok(t('bg_logoSaved'));
    });
  });
  remove.addEventListener('click', () => busy(remove, logoBox, async () => {
    current = await api('/api/v1/brand/logo', { method: 'DELETE' });
    drawLogo();
    drawPreview();
    drawUpdated();
    logoBox.ok(t('bg_logoRemoved'));
  }));

  replace(main, h('h1', {}, t('bg_title')), h('p', {}, t('bg_intro')),
    admin ? null : h('p', { class: 'hint' }, t('bg_readOnly')),
    h('div', { class: 'branding-grid' },
      h('div', {},
        h('form', { class: 'card', id: 'branding-form', onsubmit: (event) => {
          event.preventDefault();
          busy(save, box, async () => {
            current = await api('/api/v1/brand/branding', { method: 'PUT', body: {
              displayName: name.value, accentColour: useColour.checked ? colour.value : null,
              supportUrl: support.value, warrantyUrl: warranty.value, registrationUrl: registration.value } });
            drawPreview();
            drawUpdated();
            box.ok(t('bg_saved'));
          });
        } },
        field(t('bg_name'), name, t('bg_nameHint', { name: brand.name })),
        h('div', { class: 'field check' }, useColour, h('label', { for: useColour.id }, t('bg_useColour'))),
        field(t('bg_colour'), colour), textNote,
        field(t('bg_support'), support, t('bg_supportHint')),
        field(t('bg_warranty'), warranty, t('bg_linkHint')),
        field(t('bg_registration'), registration, t('bg_linkHint')),
        box, save),
        h('section', { class: 'card', 'aria-labelledby': 'branding-logo-heading' },
          h('h2', { id: 'branding-logo-heading' }, t('bg_logo')), logoView,
          admin ? field(t('bg_logo'), file, t('bg_logoHint')) : null, remove, logoBox)),
      h('section', { class: 'card' }, preview, updated)));
  drawLogo();
  drawPreview();
  drawUpdated();
}
