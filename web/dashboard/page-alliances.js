// Alliances: the brand's alliances and its open invitations. Admins accept or decline an invitation and leave an
// alliance; viewers and operators see the same lists without the buttons (the server refuses them the actions too).
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, table, messageBox, busy } from './dom.js';

register({
  en: {
    ali_title: 'Alliances', ali_member: 'Member of', ali_invitations: 'Open invitations', ali_name: 'Alliance',
    ali_members: 'Members', ali_membersOf: '{members} of {max}', ali_since: 'Member since', ali_invitedAt: 'Invited',
    ali_invitedBy: 'Invited by', ali_operator: 'the installation’s operator', ali_expires: 'Expires',
    ali_accept: 'Accept', ali_decline: 'Decline', ali_leave: 'Leave',
    ali_intro: 'Brands in an alliance take part in it together. The operator of this Touchmark installation creates alliances and invites brands; an admin of the brand answers the invitation here.',
    ali_noAlliances: 'The brand is in no alliance yet.',
    ali_noInvitations: 'No open invitations. A brand joins an alliance when this installation’s operator invites it and an admin of the brand accepts here.',
    ali_confirmLeave: 'Leave the alliance "{name}"? The brand stops taking part in it, and nothing it shares is shown to the alliance any more. Joining again takes a new invitation from the operator.',
    ali_accepted: 'The brand joined "{name}".', ali_declined: 'The invitation from "{name}" was declined.',
    ali_left: 'The brand left "{name}".', ali_adminOnly: 'Only an admin of the brand can answer invitations or leave an alliance.',
  },
  'zh-CN': {
    ali_title: '联盟', ali_member: '已加入的联盟', ali_invitations: '待处理的邀请', ali_name: '联盟',
    ali_members: '成员', ali_membersOf: '{members} / {max}', ali_since: '加入时间', ali_invitedAt: '邀请时间',
    ali_invitedBy: '邀请方', ali_operator: '本系统的运营方', ali_expires: '到期时间',
    ali_accept: '接受', ali_decline: '拒绝', ali_leave: '退出',
    ali_intro: '同一联盟中的品牌共同参与联盟。联盟由本 Touchmark 系统的运营方创建并邀请品牌；品牌管理员在此处回复邀请。',
    ali_noAlliances: '该品牌尚未加入任何联盟。',
    ali_noInvitations: '没有待处理的邀请。品牌需由本系统的运营方邀请，并由品牌管理员在此处接受，才能加入联盟。',
    ali_confirmLeave: '确定退出联盟“{name}”？该品牌将不再参与此联盟，其共享的任何内容都不会再向联盟显示。再次加入需要运营方重新邀请。',
    ali_accepted: '该品牌已加入“{name}”。', ali_declined: '已拒绝“{name}”的邀请。',
    ali_left: '该品牌已退出“{name}”。', ali_adminOnly: '只有品牌管理员可以回复邀请或退出联盟。',
  },
});

export async function render(main, ctx) {
  const admin = ctx.can('admin');
  const box = messageBox();
  box.id = 'alliance-message';
  const members = h('div', { id: 'alliance-list' });
  const invitations = h('div', { id: 'invitation-list' });
  const load = async () => {
    const all = (await api('/api/v1/alliances')).alliances;
    const memberOf = all.filter((a) => a.state === 'member');
    const invited = all.filter((a) => a.state === 'invited');
    replace(members, table([
      { label: t('ali_name'), value: (a) => a.name },
      { label: t('ali_members'), value: (a) => t('ali_membersOf', { members: a.members, max: a.maxMembers }) },
      { label: t('ali_since'), value: (a) => dateTime(a.respondedAt) },
      admin ? { label: '', value: (a) => button('ali_leave', a, 'danger', async () => {
        if (!window.confirm(t('ali_confirmLeave', { name: a.name }))) {
          return false;
        }
        await api(`/api/v1/alliances/${a.id}/leave`, { method: 'POST' });
        return t('ali_left', { name: a.name });
      }) } : null,
    ].filter(Boolean), memberOf, { caption: t('ali_member'), empty: t('ali_noAlliances'),
      rowAttrs: (a) => ({ 'data-alliance': a.id }) }));
    replace(invitations, table([
      { label: t('ali_name'), value: (a) => a.name },
      { label: t('ali_invitedBy'), value: () => t('ali_operator') },
      { label: t('ali_invitedAt'), value: (a) => dateTime(a.invitedAt) },
      { label: t('ali_members'), value: (a) => t('ali_membersOf', { members: a.members, max: a.maxMembers }) },
      { label: t('ali_expires'), value: (a) => dateTime(a.expiresAt) },
      admin ? { label: '', value: (a) => h('div', { class: 'actions', style: 'margin:0' },
        button('ali_accept', a, 'primary', async () => {
          await api(`/api/v1/alliances/${a.id}/accept`, { method: 'POST' });
          return t('ali_accepted', { name: a.name });
        }),
        button('ali_decline', a, '', async () => {
          await api(`/api/v1/alliances/${a.id}/decline`, { method: 'POST' });
          return t('ali_declined', { name: a.name });
        })) } : null,
    ].filter(Boolean), invited, { caption: t('ali_invitations'), empty: t('ali_noInvitations'),
      rowAttrs: (a) => ({ 'data-invitation': a.id }) }));
  };
  // Each button names its alliance for screen readers, since "Accept" alone does not say which one. The lists are
  // drawn again after every answer, refused or not, so they show what the server holds now (an invitation that
  // expired or was withdrawn meanwhile disappears), and the result or the server's reason goes to the live region.
  const button = (key, alliance, kind, run) => h('button', { type: 'button', class: kind,
    id: `alliance-${key.slice(4)}-${alliance.id}`, 'aria-label': `${t(key)}: ${alliance.name}`,
    onclick: (event) => busy(event.currentTarget, null, async () => {
      box.clear();
      let result;
      try {
        result = await run();
      } catch (e) {
        await load().catch(() => {});
        box.error(e);
        box.focus();
        return;
      }
      if (result === false) {
        return;
      }
      await load().catch((e) => box.error(e));
      box.ok(result);
      box.focus();
    }) }, t(key));
  box.setAttribute('tabindex', '-1');
  replace(main, h('h1', {}, t('ali_title')), h('p', {}, t('ali_intro')),
    admin ? null : h('p', { class: 'hint', id: 'alliance-admin-only' }, t('ali_adminOnly')), box,
    h('h2', {}, t('ali_invitations')), invitations, h('h2', {}, t('ali_member')), members);
  await load().catch((e) => box.error(e));
}
