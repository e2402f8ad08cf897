// Two-factor sign-in (TOTP): the second step of signing in, enrolling an authenticator app (QR code, then recovery
// codes shown once), turning it off, and the Security page that holds both. Its texts are its own (tf_ keys).
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, field, messageBox, busy } from './dom.js';

register({
  en: {
    tf_title: 'Two-factor sign-in',
    tf_second_title: 'Enter your sign-in code',
    tf_second_text: 'Open your authenticator app and enter the 6-digit code it shows for Touchmark.',
    tf_code: 'Code from your authenticator app',
    tf_recovery: 'Recovery code',
    tf_recovery_text: 'Enter one of the recovery codes you saved when you turned on two-factor sign-in. Each works once.',
    tf_use_recovery: 'Use a recovery code instead',
    tf_use_code: 'Use a code from the app instead',
    tf_verify: 'Verify',
    tf_back: 'Back to sign-in',
    tf_on: 'Two-factor sign-in is on.',
    tf_off: 'Two-factor sign-in is off. Turn it on so that a stolen password alone cannot open your account.',
    tf_required: 'Your brand requires two-factor sign-in.',
    tf_forced_title: 'Turn on two-factor sign-in',
    tf_forced_text: 'Your brand requires two-factor sign-in. Set it up now to continue.',
    tf_left: 'Unused recovery codes: {count}',
    tf_start: 'Set up two-factor sign-in',
    tf_scan: 'Scan this QR code with an authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password), then enter the code it shows.',
    tf_qr_alt: 'QR code to add Touchmark to an authenticator app',
    tf_manual: 'Cannot scan? Enter this key in the app:',
    tf_confirm: 'Turn on',
    tf_codes_title: 'Save your recovery codes',
    tf_codes_text: 'If you lose your phone, each of these codes signs you in once. They are shown only now: print them or keep them in a password manager.',
    tf_codes_done: 'I have saved them',
    tf_renew_title: 'New recovery codes',
    tf_renew_text: 'Used some, or lost the list? New codes replace all the old ones. Enter a current code from your app (not a recovery code).',
    tf_renew: 'Make new codes',
    tf_disable_title: 'Turn off two-factor sign-in',
    tf_password: 'Your password',
    tf_code_or_recovery: 'Code from your app, or a recovery code',
    tf_disable: 'Turn off',
    tf_disabled: 'Two-factor sign-in is off.',
    tf_api_key: 'Two-factor sign-in belongs to people who sign in; API keys do not have it.',
    tf_sign_out: 'Sign out',
  },
  'zh-CN': {
    tf_title: '两步验证登录',
    tf_second_title: '输入登录验证码',
    tf_second_text: '打开您的身份验证器应用，输入其为 Touchmark 显示的 6 位验证码。',
    tf_code: '身份验证器应用中的验证码',
    tf_recovery: '恢复码',
    tf_recovery_text: '输入开启两步验证时保存的恢复码之一。每个恢复码只能使用一次。',
    tf_use_recovery: '改用恢复码',
    tf_use_code: '改用应用中的验证码',
    tf_verify: '验证',
    tf_back: '返回登录',
    tf_on: '两步验证登录已开启。',
    tf_off: '两步验证登录未开启。开启后，仅凭被盗的密码无法登录您的账户。',
    tf_required: '您的品牌要求使用两步验证登录。',
    tf_forced_title: '开启两步验证登录',
    tf_forced_text: '您的品牌要求使用两步验证登录。请立即设置后继续。',
    tf_left: '未使用的恢复码：{count} 个',
    tf_start: '设置两步验证登录',
    tf_scan: '用身份验证器应用（如 Google Authenticator、Microsoft Authenticator 或 1Password）扫描此二维码，然后输入应用显示的验证码。',
    tf_qr_alt: '将 Touchmark 添加到身份验证器应用的二维码',
    tf_manual: '无法扫描？请在应用中输入此密钥：',
    tf_confirm: '开启',
    tf_codes_title: '保存您的恢复码',
    tf_codes_text: '如果手机丢失，每个恢复码可让您登录一次。恢复码仅显示这一次：请打印或保存在密码管理器中。',
    tf_codes_done: '我已保存',
    tf_renew_title: '新的恢复码',
    tf_renew_text: '用掉了一些，或者丢失了列表？新的恢复码会替换所有旧的恢复码。请输入应用中当前的验证码（不能使用恢复码）。',
    tf_renew: '生成新的恢复码',
    tf_disable_title: '关闭两步验证登录',
    tf_password: '您的密码',
    tf_code_or_recovery: '应用中的验证码或恢复码',
    tf_disable: '关闭',
    tf_disabled: '两步验证登录已关闭。',
    tf_api_key: '两步验证登录属于登录的用户；API 密钥没有此功能。',
    tf_sign_out: '退出登录',
  },
});

function codeInput(id) {
  return h('input', { id, type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 ]{6,7}',
    maxlength: '7', required: true, spellcheck: 'false' });
}

/**
 * The second step of signing in, after a right password: a code from the app, or a recovery code. Calls
 * onSignedIn with the new session, or onCancel to go back to the password.
 */
export function secondStepForm(challenge, { onSignedIn, onCancel }) {
  let recovery = false;
  const code = codeInput('tf-code');
  // Required only while shown: a hidden required field would block the form's submission.
  const recoveryInput = h('input', { id: 'tf-recovery', type: 'text', autocomplete: 'off', spellcheck: 'false',
    maxlength: '20' });
  const text = h('p', {}, t('tf_second_text'));
  const codeField = field(t('tf_code'), code);
  const recoveryField = field(t('tf_recovery'), recoveryInput);
  recoveryField.hidden = true;
  const box = messageBox();
  const button = h('button', { type: 'submit', class: 'primary', id: 'tf-verify' }, t('tf_verify'));
  const toggle = h('button', { type: 'button', class: 'link', id: 'tf-toggle', onclick: () => {
    recovery = !recovery;
    codeField.hidden = recovery;
    recoveryField.hidden = !recovery;
    code.required = !recovery;
    recoveryInput.required = recovery;
    text.textContent = recovery ? t('tf_recovery_text') : t('tf_second_text');
    toggle.textContent = recovery ? t('tf_use_code') : t('tf_use_recovery');
    (recovery ? recoveryInput : code).focus();
  } }, t('tf_use_recovery'));
  setTimeout(() => code.focus(), 0);
  return h('form', { class: 'card auth', onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      const body = recovery ? { challenge, recoveryCode: recoveryInput.value.trim() }
        : { challenge, code: code.value.replace(/\s/g, '') };
      onSignedIn(await api('/api/v1/session/second-factor', { method: 'POST', body }));
    });
  } },
  h('h1', {}, t('tf_second_title')), text, codeField, recoveryField, box, button,
  h('div', { class: 'actions' }, toggle, h('button', { type: 'button', class: 'link', onclick: onCancel }, t('tf_back'))));
}

/** Enrolment: a button, then the QR code and a code field, then the recovery codes; onDone once they are saved. */
export function enrolPanel({ onDone }) {
  const panel = h('div', { class: 'tf-enrol' });
  const box = messageBox();
  const start = h('button', { type: 'button', class: 'primary', id: 'tf-start' }, t('tf_start'));
  start.addEventListener('click', () => busy(start, box, async () => {
    const enrolment = await api('/api/v1/session/two-factor', { method: 'POST' });
    replace(panel, confirmForm(enrolment, onDone));
  }));
  return replace(panel, start, box);
}

function confirmForm(enrolment, onDone) {
  const code = codeInput('tf-confirm-code');
  const box = messageBox();
  const button = h('button', { type: 'submit', class: 'primary', id: 'tf-confirm' }, t('tf_confirm'));
  const image = h('img', { id: 'tf-qr', class: 'tf-qr', width: '200', height: '200', alt: t('tf_qr_alt'),
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}` });
  const form = h('form', { onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      const confirmed = await api('/api/v1/session/two-factor/confirm', { method: 'POST',
        body: { code: code.value.replace(/\s/g, '') } });
      replace(form.parentElement, recoveryCodes(confirmed.recoveryCodes, onDone));
    });
  } },
  h('p', {}, t('tf_scan')), image,
  h('p', {}, t('tf_manual'), ' ', h('code', { id: 'tf-secret', 'data-uri': enrolment.otpauthUri }, enrolment.secret)),
  field(t('tf_code'), code), box, h('div', { class: 'actions' }, button));
  setTimeout(() => code.focus(), 0);
  return form;
}

function recoveryCodes(codes, onDone) {
  const done = h('button', { type: 'button', class: 'primary', id: 'tf-codes-done', onclick: onDone }, t('tf_codes_done'));
  setTimeout(() => done.focus(), 0);
  return h('div', { class: 'secret', role: 'region', 'aria-labelledby': 'tf-codes-title' },
    h('h2', { id: 'tf-codes-title', style: 'margin-top:0' }, t('tf_codes_title')), h('p', {}, t('tf_codes_text')),
    h('ul', { id: 'tf-recovery-codes', class: 'tf-codes' }, codes.map((c) => h('li', {}, h('code', {}, c)))),
    h('div', { class: 'actions' }, done));
}

/** The page a user sees when their brand requires two-factor sign-in that they have not turned on. */
export function forcedEnrolForm({ onDone, onSignOut }) {
  return h('div', { class: 'card auth' }, h('h1', {}, t('tf_forced_title')), h('p', {}, t('tf_forced_text')),
    enrolPanel({ onDone }), h('button', { type: 'button', class: 'link', onclick: onSignOut }, t('tf_sign_out')));
}

/** New recovery codes for the old ones, given a current code from the app; shows them once, like enrolment. */
function renewForm(reload) {
  const code = codeInput('tf-renew-code');
  const box = messageBox();
  const button = h('button', { type: 'submit', class: 'secondary', id: 'tf-renew' }, t('tf_renew'));
  const form = h('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      const renewed = await api('/api/v1/session/two-factor/recovery-codes', { method: 'POST',
        body: { code: code.value.replace(/\s/g, '') } });
      replace(form, recoveryCodes(renewed.recoveryCodes, () => reload()));
    });
  } },
  h('h2', { style: 'margin-top:0' }, t('tf_renew_title')), h('p', {}, t('tf_renew_text')),
  field(t('tf_code'), code), box, h('div', { class: 'actions' }, button));
  return form;
}

function disableForm(status, reload) {
  const password = h('input', { id: 'tf-disable-password', type: 'password', autocomplete: 'current-password', required: true });
  const code = h('input', { id: 'tf-disable-code', type: 'text', autocomplete: 'one-time-code', required: true, maxlength: '20' });
  const box = messageBox();
  const button = h('button', { type: 'submit', class: 'danger', id: 'tf-disable' }, t('tf_disable'));
  return h('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    busy(button, box, async () => {
      await api('/api/v1/session/two-factor/disable', { method: 'POST',
        body: { password: password.value, code: code.value.trim() } });
      await reload(t('tf_disabled'));
    });
  } },
  h('h2', { style: 'margin-top:0' }, t('tf_disable_title')),
  h('div', { class: 'form-grid' }, field(t('tf_password'), password), field(t('tf_code_or_recovery'), code)),
  box, h('div', { class: 'actions' }, button));
}

/** The Security page: the signed-in user's two-factor sign-in. */
export async function render(main, ctx) {
  if (!ctx.session.user) {
    replace(main, h('h1', {}, t('tf_title')), h('p', {}, t('tf_api_key')));
    return;
  }
  const box = messageBox();
  const body = h('div', { id: 'tf-status' });
  const load = async (message) => {
    const status = await api('/api/v1/session/two-factor');
    const required = status.required ? h('p', { class: 'hint' }, t('tf_required')) : null;
    if (status.enabled) {
      replace(body, h('p', { id: 'tf-state', 'data-enabled': 'true' }, h('strong', {}, t('tf_on'))), required,
        h('p', { id: 'tf-left' }, t('tf_left', { count: status.recoveryCodesLeft })), renewForm(load),
        status.required ? null : disableForm(status, load));
    } else {
      replace(body, h('p', { id: 'tf-state', 'data-enabled': 'false' }, t('tf_off')), required,
        h('div', { class: 'card' }, enrolPanel({ onDone: () => load() })));
    }
    if (message) {
      box.ok(message);
    }
  };
  replace(main, h('h1', {}, t('tf_title')), box, body);
  await load().catch((e) => box.error(e));
}
