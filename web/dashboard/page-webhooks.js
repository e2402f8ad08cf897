// Webhooks (admin): endpoints that receive alert events, signed per Standard Webhooks. Create (the secret is
// shown once), enable or disable, rotate the secret, send a test event, delete, and read the delivery log.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, table, field, messageBox, busy, badge } from './dom.js';

const EVENTS = ['alert.created', 'alert.updated', 'report.ready'];

register({
  en: {
    wh_title: 'Webhooks', wh_new: 'New endpoint', wh_url: 'URL', wh_description: 'Description', wh_events: 'Events',
    wh_create: 'Add endpoint', wh_secret: 'The signing secret, shown only now: store it where your receiver can read it.',
    wh_enabled: 'enabled', wh_disabled: 'disabled', wh_enable: 'Enable', wh_disable: 'Disable', wh_test: 'Send test event',
    wh_delete: 'Delete', wh_rotate: 'Rotate secret', wh_log: 'Delivery log', wh_tested: 'Test event queued ({id}).',
    wh_confirmDelete: 'Delete the endpoint {url}?', wh_rotated: 'New secret (the old one works until {until}):',
    wh_status: 'Status', wh_attempts: 'Attempts', wh_lastCode: 'Last answer', wh_lastError: 'Last error', wh_next: 'Next attempt',
    wh_event: 'Event', wh_at: 'Created', wh_logFor: 'Deliveries to {url}', wh_state: 'State', wh_reason: 'Why disabled',
  },
  'zh-CN': {
    wh_title: 'Webhook', wh_new: '新建接收端', wh_url: '网址', wh_description: '说明', wh_events: '事件',
    wh_create: '添加接收端', wh_secret: '签名密钥仅显示这一次：请保存到接收端可以读取的地方。',
    wh_enabled: '已启用', wh_disabled: '已停用', wh_enable: '启用', wh_disable: '停用', wh_test: '发送测试事件',
    wh_delete: '删除', wh_rotate: '轮换密钥', wh_log: '投递记录', wh_tested: '测试事件已排队（{id}）。',
    wh_confirmDelete: '确定删除接收端 {url}？', wh_rotated: '新密钥（旧密钥在 {until} 前仍有效）：',
    wh_status: '状态', wh_attempts: '尝试次数', wh_lastCode: '最近响应', wh_lastError: '最近错误', wh_next: '下次尝试',
    wh_event: '事件', wh_at: '创建时间', wh_logFor: '投递到 {url} 的记录', wh_state: '状态', wh_reason: '停用原因',
  },
});

export async function render(main) {
  const box = messageBox();
  const list = h('div', { id: 'webhook-list' });
  const log = h('div', { id: 'webhook-log' });
  const load = async () => {
    const endpoints = (await api('/api/v1/webhooks', { query: { limit: 500 } })).items;
    replace(list, table([
      { label: t('wh_url'), value: (e) => h('code', {}, e.url) },
      { label: t('wh_description'), value: (e) => e.description || '' },
      { label: t('wh_events'), value: (e) => (e.eventTypes || []).join(', ') },
      { label: t('wh_state'), value: (e) => [badge(e.enabled ? 'enabled' : 'disabled', t(e.enabled ? 'wh_enabled' : 'wh_disabled')),
        e.disabledReason ? h('small', { class: 'hint' }, e.disabledReason) : null] },
      { label: '', value: (e) => h('div', { class: 'actions', style: 'margin:0' },
        action(e.enabled ? 'wh_disable' : 'wh_enable', async () => {
          await api(`/api/v1/webhooks/${e.id}`, { method: 'PATCH', body: { enabled: !e.enabled } });
          await load();
        }),
        action('wh_test', async () => {
          const queued = await api(`/api/v1/webhooks/${e.id}/test`, { method: 'POST' });
          box.ok(t('wh_tested', { id: queued.messageId }));
          await showLog(e);
        }),
        action('wh_log', () => showLog(e)),
        action('wh_rotate', async () => {
          const rotated = await api(`/api/v1/webhooks/${e.id}/rotate-secret`, { method: 'POST' });
          box.ok(h('div', { class: 'secret' }, t('wh_rotated', { until: dateTime(rotated.previousSecretExpiresAt) }), ' ',
            h('code', {}, rotated.secret)));
        }),
        action('wh_delete', async () => {
          if (window.confirm(t('wh_confirmDelete', { url: e.url }))) {
            await api(`/api/v1/webhooks/${e.id}`, { method: 'DELETE' });
            replace(log);
            await load();
          }
        }, 'danger')) },
    ], endpoints, { caption: t('wh_title') }));
  };
  const action = (key, run, kind) => h('button', { type: 'button', class: kind || '',
    onclick: (event) => busy(event.currentTarget, box, run) }, t(key));
  const showLog = async (endpoint) => {
    const page = await api(`/api/v1/webhooks/${endpoint.id}/deliveries`, { query: { limit: 50 } });
    replace(log, h('h2', {}, t('wh_logFor', { url: endpoint.url })), table([
      { label: t('wh_at'), value: (d) => dateTime(d.createdAt) },
      { label: t('wh_event'), value: (d) => d.eventType },
      { label: t('wh_status'), value: (d) => badge(d.status, d.status) },
      { label: t('wh_attempts'), value: (d) => String(d.attemptCount) },
      { label: t('wh_lastCode'), value: (d) => d.lastStatusCode === null ? '–' : String(d.lastStatusCode) },
      { label: t('wh_lastError'), value: (d) => d.lastError || '' },
      { label: t('wh_next'), value: (d) => dateTime(d.nextAttemptAt) },
    ], page.items, { caption: t('wh_log') }));
  };
  replace(main, h('h1', {}, t('wh_title')), createForm(box, load), box, list, log);
  await load().catch((e) => box.error(e));
}

function createForm(box, created) {
  const url = h('input', { id: 'webhook-url', type: 'url', required: true, placeholder: 'https://' });
  const description = h('input', { id: 'webhook-description', maxlength: '500' });
  const events = EVENTS.map((e) => h('input', { type: 'checkbox', value: e, checked: true }));
  const button = h('button', { type: 'submit', class: 'primary', id: 'webhook-create' }, t('wh_create'));
  const form = h('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      const endpoint = await api('/api/v1/webhooks', { method: 'POST', body: { url: url.value.trim(),
        description: description.value.trim() || null, eventTypes: events.filter((e) => e.checked).map((e) => e.value) } });
      form.reset();
      await created();
      box.ok(h('div', { class: 'secret', id: 'webhook-secret' }, t('wh_secret'), ' ', h('code', {}, endpoint.secret)));
    });
  } },
  h('h2', { style: 'margin-top:0' }, t('wh_new')),
  h('div', { class: 'form-grid' }, field(t('wh_url'), url), field(t('wh_description'), description)),
  h('fieldset', {}, h('legend', {}, t('wh_events')),
    events.map((e) => h('label', { style: 'margin-right:1rem' }, e, ' ', e.value))), h('div', { class: 'actions' }, button));
  return form;
}
