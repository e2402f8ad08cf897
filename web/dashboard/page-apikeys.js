// API keys (admin): keys for integrations, each with a role; the key is shown once when created.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, table, field, messageBox, busy, badge } from './dom.js';

register({
  en: {
    ak_title: 'API keys', ak_name: 'Name', ak_role: 'Role', ak_create: 'Create key', ak_prefix: 'Starts with',
    ak_created: 'Created', ak_revoked: 'Revoked', ak_revoke: 'Revoke', ak_once: 'The new key, shown only now:',
    ak_confirm: 'Revoke the key "{name}"? Integrations using it stop working.', ak_new: 'New API key',
  },
  'zh-CN': {
    ak_title: 'API 密钥', ak_name: '名称', ak_role: '角色', ak_create: '创建密钥', ak_prefix: '前缀',
    ak_created: '创建时间', ak_revoked: '吊销时间', ak_revoke: '吊销', ak_once: '新密钥，仅显示这一次：',
    ak_confirm: '确定吊销密钥“{name}”？使用它的集成将停止工作。', ak_new: '新建 API 密钥',
  },
});

export function roleSelect(id, value) {
  return h('select', { id }, ['viewer', 'operator', 'admin'].map((r) => h('option', { value: r, selected: r === value }, t(`role_${r}`))));
}

export async function render(main) {
  const box = messageBox();
  const list = h('div', { id: 'apikey-list' });
  const name = h('input', { id: 'apikey-name', required: true, maxlength: '100' });
  const role = roleSelect('apikey-role', 'viewer');
  const button = h('button', { type: 'submit', class: 'primary', id: 'apikey-create' }, t('ak_create'));
  const load = async () => {
    const keys = await api('/api/v1/api-keys');
    replace(list, table([
      { label: t('ak_name'), value: (k) => k.name },
      { label: t('ak_role'), value: (k) => t(`role_${k.role}`) },
      { label: t('ak_prefix'), value: (k) => h('code', {}, k.prefix) },
      { label: t('ak_created'), value: (k) => dateTime(k.createdAt) },
      { label: t('ak_revoked'), value: (k) => k.revokedAt ? badge('revoked', dateTime(k.revokedAt)) : '–' },
      { label: '', value: (k) => k.revokedAt ? '' : h('button', { type: 'button', class: 'danger', onclick: (event) => {
        if (window.confirm(t('ak_confirm', { name: k.name }))) {
          busy(event.currentTarget, box, async () => {
            await api(`/api/v1/api-keys/${k.id}`, { method: 'DELETE' });
            await load();
          });
        }
      } }, t('ak_revoke')) },
    ], keys, { caption: t('ak_title') }));
  };
  replace(main, h('h1', {}, t('ak_title')),
    h('form', { class: 'card', onsubmit: (event) => {
      event.preventDefault();
      busy(button, box, async () => {
        const created = await api('/api/v1/api-keys', { method: 'POST', body: { name: name.value.trim(), role: role.value } });
        name.value = '';
        await load();
        box.ok(h('div', { class: 'secret' }, t('ak_once'), ' ', h('code', { id: 'apikey-secret' }, created.key)));
      });
    } }, h('h2', { style: 'margin-top:0' }, t('ak_new')),
    h('div', { class: 'form-grid' }, field(t('ak_name'), name), field(t('ak_role'), role)), h('div', { class: 'actions' }, button)),
    box, list);
  await load().catch((e) => box.error(e));
}
