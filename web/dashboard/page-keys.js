// Keys: the brand's signing keys (active, retired, revoked), rotation and revocation for admins, and the
// public key set (JWKS) anyone can use to verify codes offline.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, table, messageBox, busy, badge } from './dom.js';

register({
  en: {
    ky_title: 'Signing keys', ky_intro: 'Codes are signed with the active key; retired keys still verify the codes they signed; revoking a key makes all its codes not genuine.',
    ky_jwks: 'Public keys (JWKS)', ky_rotate: 'Rotate: new active key', ky_revoke: 'Revoke', ky_kid: 'Key id', ky_short: 'Short id',
    ky_status: 'Status', ky_created: 'Created', ky_retired: 'Retired', ky_revoked: 'Revoked', ky_rotated: 'A new key is active.',
    ky_confirmRevoke: 'Revoke key {kid}? Every code it signed will verify as not genuine. This cannot be undone.',
    ky_reasonPrompt: 'Why is the key revoked? (kept with the key)', ky_revokedDone: 'Key {kid} is revoked.',
    ks_active: 'active', ks_retired: 'retired', ks_revoked: 'revoked',
  },
  'zh-CN': {
    ky_title: '签名密钥', ky_intro: '码由当前启用的密钥签名；已停用的密钥仍可验证它签过的码；吊销密钥会使其签过的所有码都被判定为非正品。',
    ky_jwks: '公钥（JWKS）', ky_rotate: '轮换：启用新密钥', ky_revoke: '吊销', ky_kid: '密钥 ID', ky_short: '短 ID',
    ky_status: '状态', ky_created: '创建时间', ky_retired: '停用时间', ky_revoked: '吊销时间', ky_rotated: '新密钥已启用。',
    ky_confirmRevoke: '确定吊销密钥 {kid}？它签过的所有码都将被判定为非正品。此操作无法撤销。',
    ky_reasonPrompt: '吊销原因？（与密钥一同保存）', ky_revokedDone: '密钥 {kid} 已吊销。',
    ks_active: '启用', ks_retired: '已停用', ks_revoked: '已吊销',
  },
});

export async function render(main, ctx) {
  const box = messageBox();
  const list = h('div', { id: 'key-list' });
  const admin = ctx.can('admin');
  const rotate = h('button', { type: 'button', class: 'primary', id: 'key-rotate', hidden: !admin }, t('ky_rotate'));
  const load = async () => {
    const keys = (await api('/api/v1/keys')).items;
    replace(list, table([
      { label: t('ky_short'), value: (k) => h('code', {}, k.shortKid) },
      { label: t('ky_kid'), value: (k) => h('code', {}, k.kid) },
      { label: t('ky_status'), value: (k) => badge(k.status, t(`ks_${k.status}`)) },
      { label: t('ky_created'), value: (k) => dateTime(k.createdAt) },
      { label: t('ky_retired'), value: (k) => dateTime(k.retiredAt) },
      { label: t('ky_revoked'), value: (k) => dateTime(k.revokedAt) },
      { label: '', value: (k) => admin && k.status !== 'revoked' ? h('button', { type: 'button', class: 'danger', onclick: (event) => {
        if (!window.confirm(t('ky_confirmRevoke', { kid: k.shortKid }))) {
          return;
        }
        const reason = window.prompt(t('ky_reasonPrompt')) || null;
        busy(event.currentTarget, box, async () => {
          await api(`/api/v1/keys/${encodeURIComponent(k.kid)}/revoke`, { method: 'POST', body: { reason } });
          await load();
          box.ok(t('ky_revokedDone', { kid: k.shortKid }));
        });
      } }, t('ky_revoke')) : '' },
    ], keys, { caption: t('ky_title') }));
  };
  rotate.addEventListener('click', () => busy(rotate, box, async () => {
    await api('/api/v1/keys/rotate', { method: 'POST' });
    await load();
    box.ok(t('ky_rotated'));
  }));
  replace(main, h('h1', {}, t('ky_title')), h('p', {}, t('ky_intro')),
    h('div', { class: 'actions' }, rotate, h('a', { href: '/.well-known/jwks.json', target: '_blank', rel: 'noopener', id: 'jwks-link' },
      t('ky_jwks'))), box, list);
  await load();
}
