// Users and roles (admin): invite (a one-time password to hand over), change a role, remove.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, table, field, messageBox, busy } from './dom.js';
import { roleSelect } from './page-apikeys.js';

register({
  en: {
    us_title: 'Users and roles', us_invite: 'Invite', us_new: 'Invite a user', us_email: 'Email', us_role: 'Role',
    us_created: 'Since', us_remove: 'Remove', us_confirm: 'Remove {email}? Their sessions end at once.',
    us_password: 'Give {email} this one-time password; they choose their own at first sign-in:', us_pending: 'must change password',
    us_roles: 'Viewers read everything; operators also make and print codes and triage alerts; admins also manage keys, thresholds, webhooks, users and API keys.',
  },
  'zh-CN': {
    us_title: '用户与角色', us_invite: '邀请', us_new: '邀请用户', us_email: '电子邮箱', us_role: '角色',
    us_created: '加入时间', us_remove: '移除', us_confirm: '确定移除 {email}？其会话将立即结束。',
    us_password: '请把这个一次性密码交给 {email}；首次登录时需自行设置密码：', us_pending: '需修改密码',
    us_roles: '查看者可查看全部内容；操作员还可生成和打印码、处理警报；管理员还可管理密钥、阈值、Webhook、用户和 API 密钥。',
  },
});

export async function render(main, ctx) {
  const box = messageBox();
  const list = h('div', { id: 'user-list' });
  const email = h('input', { id: 'user-email', type: 'email', required: true });
  const role = roleSelect('user-role', 'viewer');
  const button = h('button', { type: 'submit', class: 'primary', id: 'user-invite' }, t('us_invite'));
  const me = ctx.session.user ? ctx.session.user.id : null;
  const load = async () => {
    const users = await api('/api/v1/users');
    replace(list, table([
      { label: t('us_email'), value: (u) => [u.email, u.mustChangePassword ? h('small', { class: 'hint' }, t('us_pending')) : null] },
      { label: t('us_role'), value: (u) => {
        const select = roleSelect(`role-${u.id}`, u.role);
        select.setAttribute('aria-label', `${t('us_role')}: ${u.email}`);
        select.disabled = u.id === me;
        select.addEventListener('change', () => busy(select, box, async () => {
          await api(`/api/v1/users/${u.id}`, { method: 'PATCH', body: { role: select.value } });
          await load();
        }));
        return select;
      } },
      { label: t('us_created'), value: (u) => dateTime(u.createdAt) },
      { label: '', value: (u) => u.id === me ? '' : h('button', { type: 'button', class: 'danger', onclick: (event) => {
        if (window.confirm(t('us_confirm', { email: u.email }))) {
          busy(event.currentTarget, box, async () => {
            await api(`/api/v1/users/${u.id}`, { method: 'DELETE' });
            await load();
          });
        }
      } }, t('us_remove')) },
    ], users, { caption: t('us_title') }));
  };
  replace(main, h('h1', {}, t('us_title')), h('p', {}, t('us_roles')),
    h('form', { class: 'card', onsubmit: (event) => {
      event.preventDefault();
      busy(button, box, async () => {
        const invited = await api('/api/v1/users', { method: 'POST', body: { email: email.value.trim(), role: role.value } });
        email.value = '';
        await load();
        box.ok(h('div', { class: 'secret' }, t('us_password', { email: invited.user.email }), ' ',
          h('code', { id: 'user-password' }, invited.temporaryPassword)));
      });
    } }, h('h2', { style: 'margin-top:0' }, t('us_new')),
    h('div', { class: 'form-grid' }, field(t('us_email'), email), field(t('us_role'), role)), h('div', { class: 'actions' }, button)),
    box, list);
  await load().catch((e) => box.error(e));
}
