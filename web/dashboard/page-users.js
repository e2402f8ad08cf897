// Users and roles (admin): invite (a one-time password to hand over), change a role, remove; require two-factor
// sign-in for the brand, and reset a user's (a lost phone).
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
    us_tf: 'Two-factor', us_tf_on: 'on', us_tf_off: 'off', us_tf_reset: 'Reset two-factor',
    us_tf_reset_confirm: 'Reset two-factor sign-in of {email}? Their authenticator app and recovery codes stop working; they sign in with their password and set it up again.',
    us_tf_reset_done: 'Two-factor sign-in of {email} was reset.',
    us_tf_policy: 'Two-factor sign-in', us_tf_require: 'Require two-factor sign-in for everyone in this brand',
    us_tf_require_hint: 'Users who have not set it up must do so at their next step in the dashboard, before anything else. API keys are not affected.',
    us_tf_changed: 'Last changed {when} by {who}.',
  },
  'zh-CN': {
    us_title: '用户与角色', us_invite: '邀请', us_new: '邀请用户', us_email: '电子邮箱', us_role: '角色',
    us_created: '加入时间', us_remove: '移除', us_confirm: '确定移除 {email}？其会话将立即结束。',
    us_password: '请把这个一次性密码交给 {email}；首次登录时需自行设置密码：', us_pending: '需修改密码',
    us_roles: '查看者可查看全部内容；操作员还可生成和打印码、处理警报；管理员还可管理密钥、阈值、Webhook、用户和 API 密钥。',
    us_tf: '两步验证', us_tf_on: '已开启', us_tf_off: '未开启', us_tf_reset: '重置两步验证',
    us_tf_reset_confirm: '确定重置 {email} 的两步验证登录？其身份验证器应用和恢复码将失效；该用户需用密码登录后重新设置。',
    us_tf_reset_done: '已重置 {email} 的两步验证登录。',
    us_tf_policy: '两步验证登录', us_tf_require: '要求本品牌所有用户使用两步验证登录',
    us_tf_require_hint: '尚未设置的用户在控制台中的下一步操作前必须先完成设置。API 密钥不受影响。',
    us_tf_changed: '最近由 {who} 于 {when} 修改。',
  },
});

/** The brand's requirement of two-factor sign-in: one checkbox, saved when changed. */
async function policyCard(box, me) {
  const policy = await api('/api/v1/users/two-factor');
  const changed = h('small', { class: 'hint', id: 'tf-policy-changed' });
  const show = (p) => {
    replace(changed, p.changedAt ? t('us_tf_changed', { when: dateTime(p.changedAt), who: p.changedBy }) : '');
  };
  const required = h('input', { type: 'checkbox', id: 'tf-required', checked: policy.required,
    'aria-describedby': 'tf-required-hint' });
  required.addEventListener('change', () => busy(required, box, async () => {
    try {
      show(await api('/api/v1/users/two-factor', { method: 'PUT', body: { required: required.checked } }));
      if (required.checked && me && !me.twoFactorEnabled) {
        // The admin who requires it must enrol too: the shell shows the enrolment first.
        window.location.reload();
      }
    } catch (e) {
      required.checked = !required.checked;
      throw e;
    }
  }));
  show(policy);
  return h('section', { class: 'card', 'aria-labelledby': 'tf-policy-title' },
    h('h2', { id: 'tf-policy-title', style: 'margin-top:0' }, t('us_tf_policy')),
    h('div', { class: 'check' }, required, ' ', h('label', { for: 'tf-required' }, t('us_tf_require'))),
    h('small', { class: 'hint', id: 'tf-required-hint' }, t('us_tf_require_hint')), changed);
}

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
      { label: t('us_tf'), value: (u) => [h('span', { id: `tf-${u.id}` }, u.twoFactorEnabled ? t('us_tf_on') : t('us_tf_off')),
        u.twoFactorEnabled ? [' ', h('button', { type: 'button', class: 'secondary', id: `tf-reset-${u.id}`, onclick: (event) => {
          if (window.confirm(t('us_tf_reset_confirm', { email: u.email }))) {
            busy(event.currentTarget, box, async () => {
              await api(`/api/v1/users/${u.id}/two-factor`, { method: 'DELETE' });
              await load();
              box.ok(t('us_tf_reset_done', { email: u.email }));
            });
          }
        } }, t('us_tf_reset'))] : null] },
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
  replace(main, h('h1', {}, t('us_title')), h('p', {}, t('us_roles')), await policyCard(box, ctx.session.user),
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
