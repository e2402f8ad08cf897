// Notifications: which mail the signed-in person wants (high and critical alerts at once, a daily digest) and in
// which language. Each person chooses for themselves; the operator's SMTP settings decide whether any is sent.
import { api } from './api.js';
import { t, register, lang } from './i18n.js';
import { h, replace, messageBox, busy } from './dom.js';

register({
  en: {
    no_title: 'Notifications', no_intro: 'Mail sent to {email} about this brand.',
    no_alerts: 'Mail me at once when a high or critical alert opens',
    no_digest: 'Mail me a daily digest of the previous day\'s alerts',
    no_language: 'Language of the mail', no_saved: 'Saved.',
    no_off: 'This installation cannot send mail yet: its operator has not set an SMTP server (TOUCHMARK_SMTP_HOST). Your choice is kept and applies once it can.',
    no_apiKey: 'Mail is chosen by each person signed in to the dashboard.',
    no_en: 'English', no_zh: 'Chinese (简体中文)',
  },
  'zh-CN': {
    no_title: '通知', no_intro: '关于本品牌、发送到 {email} 的邮件。',
    no_alerts: '有高级或严重警报时立即发邮件给我',
    no_digest: '每天发邮件给我前一天的警报摘要',
    no_language: '邮件语言', no_saved: '已保存。',
    no_off: '本系统尚不能发送邮件：运维人员尚未设置 SMTP 服务器（TOUCHMARK_SMTP_HOST）。您的选择会被保留，可发送后即生效。',
    no_apiKey: '邮件由登录控制台的每个人自行选择。',
    no_en: 'English', no_zh: '中文（简体）',
  },
});

export async function render(main, ctx) {
  if (!ctx.session.user) {
    replace(main, h('h1', {}, t('no_title')), h('p', { class: 'hint' }, t('no_apiKey')));
    return;
  }
  const current = await api('/api/v1/session/notifications');
  const alerts = h('input', { type: 'checkbox', id: 'notify-alerts', checked: current.alerts });
  const digest = h('input', { type: 'checkbox', id: 'notify-digest', checked: current.digest });
  const language = h('select', { id: 'notify-language' },
    h('option', { value: 'en', selected: current.language === 'en' }, t('no_en')),
    h('option', { value: 'zh', selected: current.language === 'zh' }, t('no_zh')));
  const box = messageBox();
  box.id = 'notify-message';
  const button = h('button', { type: 'submit', class: 'primary', id: 'notify-save' }, t('save'));
  replace(main, h('h1', {}, t('no_title')),
    h('p', {}, t('no_intro', { email: ctx.session.user.email })),
    current.mailConfigured ? null : h('p', { class: 'hint', id: 'notify-off', role: 'note' }, t('no_off')),
    h('form', { class: 'card', onsubmit: (event) => {
      event.preventDefault();
      busy(button, box, async () => {
        await api('/api/v1/session/notifications', { method: 'PUT',
          body: { alerts: alerts.checked, digest: digest.checked, language: language.value } });
        box.ok(t('no_saved'));
      });
    } },
    h('div', { class: 'field' }, h('label', {}, alerts, ' ', t('no_alerts'))),
    h('div', { class: 'field' }, h('label', {}, digest, ' ', t('no_digest'))),
    h('div', { class: 'field' }, h('label', { for: 'notify-language' }, t('no_language')), language),
    box, button));
  if (!current.alerts && !current.digest && current.language === 'en' && lang() === 'zh-CN') {
    language.value = 'zh';
  }
}
