// Alliances: the brand's alliances and its open invitations. Admins accept or decline an invitation and leave an
// alliance; viewers and operators see the same lists without the buttons (the server refuses them the actions too).
// Below the list, one "What we share" panel per alliance the brand is in: what each signal class sends, the brand's
// level for it, and how many members share it; admins change the levels there, everyone else reads them. Under each
// panel, the alliance's shared intelligence (alliance-intel.js), read again when the brand's sharing changes.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, table, messageBox, busy } from './dom.js';
import { intelSection } from './alliance-intel.js';

/** The signal classes and levels of GET/PUT /api/v1/alliances/{id}/sharing, in the order shown. */
const CLASSES = ['hotspots', 'sellers', 'label_hosts', 'forgery_waves'];
const LEVELS = ['none', 'anonymous', 'named'];

register({
  en: {
    ali_title: 'Alliances', ali_member: 'Member of', ali_invitations: 'Open invitations', ali_name: 'Alliance',
    ali_members: 'Members', ali_membersOf: '{members} of {max}', ali_since: 'Member since', ali_invitedAt: 'Invited',
    ali_invitedBy: 'Invited by', ali_operator: 'the installation’s operator', ali_expires: 'Expires',
    ali_accept: 'Accept', ali_decline: 'Decline', ali_leave: 'Leave',
    ali_intro: 'Brands in an alliance take part in it together. The operator of this Touchmark installation creates alliances and invites brands; an admin of the brand answers the invitation here.',
    ali_noAlliances: 'The brand is in no alliance yet.',
    ali_noInvitations: 'No open invitations. A brand joins an alliance when this installation’s operator invites it and an admin of the brand accepts here.',
    ali_confirmLeave: 'Leave the alliance "{name}"? The brand stops taking part in it and stops sharing at once: nothing it shares is shown to the alliance any more, though copies members already downloaded stay with them. Joining again takes a new invitation from the operator.',
    ali_accepted: 'The brand joined "{name}".', ali_declined: 'The invitation from "{name}" was declined.',
    ali_left: 'The brand left "{name}".', ali_adminOnly: 'Only an admin of the brand can answer invitations or leave an alliance.',
    ali_shareTitle: 'What we share with “{name}”',
    ali_shareIntro: 'For each kind of signal, choose whether the brand shares it with this alliance. Shared anonymously: members see the items, but not which brand they come from. Shared with our name: members also see that they come from this brand. Nothing is shared until an admin chooses it here.',
    ali_shareReadOnly: 'You can see what the brand shares, but only an admin of the brand can change it, because sharing sends the brand’s data to other brands.',
    ali_class_hotspots: 'Counterfeit hotspots',
    ali_classWhat_hotspots: 'Map cells of about 50 km across where scans of the brand’s codes looked suspect, with the number of suspect scans in each cell and the period they fall in. Never an exact place or a single scan.',
    ali_class_sellers: 'Suspect sellers',
    ali_classWhat_sellers: 'A shop, website or listing that shoppers reported for selling counterfeits, in a normalised form (such as shop.example/listing/7), and only once at least two shoppers named it. Shoppers’ own words are never shared.',
    ali_class_label_hosts: 'Label hosts',
    ali_classWhat_label_hosts: 'The host names that counterfeit labels point to (the web address in a fake QR code), with how often such labels were read. Nothing else about the scans.',
    ali_class_forgery_waves: 'Forgery waves',
    ali_classWhat_forgery_waves: 'How many forged codes were scanned in each map cell of about 50 km, week by week. Not the forged codes themselves.',
    ali_level_none: 'Not shared', ali_level_anonymous: 'Shared anonymously', ali_level_named: 'Shared with our name',
    ali_sharedBy: 'Shared by {count} of {members} members.',
    ali_belowFloor: 'Fewer than {floor} members share this: anonymous items of this class are shown to members only once {floor} members share it.',
    ali_shareSave: 'Save sharing', ali_shareSaveFor: 'Save what we share with “{name}”',
    ali_unsavedOne: '1 change not saved yet.', ali_unsavedMany: '{count} changes not saved yet.',
    ali_shareNothing: 'Nothing to save: every choice is as it was.',
    ali_shareSaved: 'Saved for “{name}”. {changes}', ali_shareChange: '{class}: {level}', ali_sep: '; ',
    ali_reports: 'The alliance’s monthly report (aggregates across members; anonymous members are never named):',
    ali_reportThisMonth: '{month} so far',
    ali_shareWithdraw: 'Withdrawing a class (Not shared) or leaving the alliance stops further sharing at once. Items the brand already shared disappear from the alliance’s live intelligence at once; copies that members already downloaded (exports, reports, webhook deliveries) stay with them.',
    ali_namedTitle: 'Share with the brand’s name?',
    ali_namedText: 'Every member of “{name}” will see that these items come from this brand:',
    ali_namedAfter: 'Other members can then tell this brand’s signals apart from the rest, and may keep what they download. You can switch back at any time; that stops further sharing with the name.',
    ali_namedYes: 'Share with our name',
  },
  'zh-CN': {
    ali_title: '联盟', ali_member: '已加入的联盟', ali_invitations: '待处理的邀请', ali_name: '联盟',
    ali_members: '成员', ali_membersOf: '{members} / {max}', ali_since: '加入时间', ali_invitedAt: '邀请时间',
    ali_invitedBy: '邀请方', ali_operator: '本系统的运营方', ali_expires: '到期时间',
    ali_accept: '接受', ali_decline: '拒绝', ali_leave: '退出',
    ali_intro: '同一联盟中的品牌共同参与联盟。联盟由本 Touchmark 系统的运营方创建并邀请品牌；品牌管理员在此处回复邀请。',
    ali_noAlliances: '该品牌尚未加入任何联盟。',
    ali_noInvitations: '没有待处理的邀请。品牌需由本系统的运营方邀请，并由品牌管理员在此处接受，才能加入联盟。',
    ali_confirmLeave: '确定退出联盟“{name}”？该品牌将不再参与此联盟，并立即停止共享：其共享过的任何内容都不会再向联盟显示，但成员已下载的副本仍会保留在他们那里。再次加入需要运营方重新邀请。',
    ali_accepted: '该品牌已加入“{name}”。', ali_declined: '已拒绝“{name}”的邀请。',
    ali_left: '该品牌已退出“{name}”。', ali_adminOnly: '只有品牌管理员可以回复邀请或退出联盟。',
    ali_shareTitle: '我们与“{name}”共享的内容',
    ali_shareIntro: '对每类信号，选择品牌是否与本联盟共享。匿名共享：成员能看到这些条目，但不知道来自哪个品牌。以我们的名义共享：成员还能看到条目来自本品牌。在管理员于此处选择之前，不会共享任何内容。',
    ali_shareReadOnly: '您可以查看品牌共享的内容，但只有品牌管理员可以更改，因为共享会把品牌的数据发送给其他品牌。',
    ali_class_hotspots: '假货热点',
    ali_classWhat_hotspots: '品牌的码被扫描时显得可疑的地图格（约 50 公里见方），包括每格的可疑扫描次数及其时间段。绝不包含确切地点或单次扫描。',
    ali_class_sellers: '可疑卖家',
    ali_classWhat_sellers: '被消费者举报销售假货的店铺、网站或商品链接，经规范化处理（如 shop.example/listing/7），且仅在至少两名消费者举报后才共享。绝不共享消费者自己填写的文字。',
    ali_class_label_hosts: '假标签指向的主机',
    ali_classWhat_label_hosts: '假冒标签（伪造二维码中的网址）所指向的主机名，以及此类标签被读取的次数。不包含扫描的其他信息。',
    ali_class_forgery_waves: '伪造浪潮',
    ali_classWhat_forgery_waves: '每个约 50 公里见方的地图格中每周被扫描的伪造码数量。不包含伪造码本身。',
    ali_level_none: '不共享', ali_level_anonymous: '匿名共享', ali_level_named: '以我们的名义共享',
    ali_sharedBy: '{members} 个成员中有 {count} 个共享此类。',
    ali_belowFloor: '共享此类的成员少于 {floor} 个：此类的匿名条目要等到有 {floor} 个成员共享后才会向成员显示。',
    ali_shareSave: '保存共享设置', ali_shareSaveFor: '保存与“{name}”共享的内容',
    ali_unsavedOne: '有 1 项更改尚未保存。', ali_unsavedMany: '有 {count} 项更改尚未保存。',
    ali_shareNothing: '没有需要保存的内容：所有选项均未改变。',
    ali_shareSaved: '已保存“{name}”的共享设置。{changes}', ali_shareChange: '{class}：{level}', ali_sep: '；',
    ali_reports: '联盟月度报告（汇总所有成员；匿名成员从不具名）：',
    ali_reportThisMonth: '{month}（截至今日）',
    ali_shareWithdraw: '撤回某类共享（选择“不共享”）或退出联盟后，后续共享会立即停止。品牌已共享的条目会立即从联盟的实时情报中消失；但成员已下载的副本（导出文件、报告、Webhook 推送）仍会保留在他们那里。',
    ali_namedTitle: '以品牌名义共享？',
    ali_namedText: '“{name}”的每个成员都将看到以下条目来自本品牌：',
    ali_namedAfter: '其他成员因此能把本品牌的信号与其他信号区分开，并可保留他们下载的内容。您可以随时改回；改回后，以品牌名义进行的后续共享会立即停止。',
    ali_namedYes: '以我们的名义共享',
  },
});

export async function render(main, ctx) {
  const admin = ctx.can('admin');
  const box = messageBox();
  box.id = 'alliance-message';
  const members = h('div', { id: 'alliance-list' });
  const invitations = h('div', { id: 'invitation-list' });
  const sharing = h('div', { id: 'sharing-panels' });
  // A panel outlives a redraw of the lists (after answering an invitation, say), so choices not yet saved in it stay.
  const panels = new Map();
  const intel = new Map();
  const load = async () => {
    const all = (await api('/api/v1/alliances')).alliances;
    const memberOf = all.filter((a) => a.state === 'member');
    const invited = all.filter((a) => a.state === 'invited');
    const shownIntel = memberOf.map((a) => intel.get(a.id) || intelSection(a));
    const shown = memberOf.map((a, i) => panels.get(a.id) || sharingPanel(a, admin, () => shownIntel[i].reload()));
    intel.forEach((section, id) => {
      if (!memberOf.some((a) => a.id === id)) {
        section.dispose();
      }
    });
    panels.clear();
    intel.clear();
    memberOf.forEach((a, i) => {
      panels.set(a.id, shown[i]);
      intel.set(a.id, shownIntel[i]);
    });
    replace(sharing, memberOf.map((a, i) => [shown[i], shownIntel[i]]));
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
    h('h2', {}, t('ali_invitations')), invitations, h('h2', {}, t('ali_member')), members, sharing);
  await load().catch((e) => box.error(e));
  return () => intel.forEach((section) => section.dispose());
}

/**
 * The "What we share" panel of one alliance: a fieldset per signal class with what it sends, the brand's level and
 * how many members share it. Saving sends only the classes whose choice differs from what the server last said,
 * after a confirmation for any class newly shared with the brand's name, then calls saved(). Viewers and operators
 * get the same panel with the choices disabled (the server refuses them the change too).
 */
/**
 * Downloads of the alliance's monthly report (aggregates across members, anonymous members never named): this month
 * so far, and last month when the brand was already invited then.
 */
function reportLinks(alliance) {
  const now = new Date();
  const month = (d) => d.toISOString().slice(0, 7);
  const thisMonth = month(now);
  const lastMonth = month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
  const months = [thisMonth];
  if (alliance.invitedAt && alliance.invitedAt.slice(0, 7) < thisMonth) {
    months.push(lastMonth);
  }
  const links = [];
  for (const m of months) {
    const base = `/api/v1/alliances/${alliance.id}/reports/${m}`;
    links.push(' ', h('span', {}, m === thisMonth ? t('ali_reportThisMonth', { month: m }) : m), ': ',
      h('a', { href: `${base}.pdf`, download: '', id: `alliance-report-pdf-${alliance.id}-${m}` }, 'PDF'), ' · ',
      h('a', { href: `${base}.csv`, download: '', id: `alliance-report-csv-${alliance.id}-${m}` }, 'CSV'));
  }
  return h('p', { id: `alliance-reports-${alliance.id}` }, t('ali_reports'), ...links);
}

function sharingPanel(alliance, admin, saved) {
  const id = alliance.id;
  const box = messageBox();
  box.id = `sharing-message-${id}`;
  box.setAttribute('tabindex', '-1');
  const form = h('form', { id: `sharing-form-${id}`, novalidate: true },
    h('p', { class: 'loading' }, t('loading')));
  const section = h('section', { class: 'card sharing', id: `sharing-${id}`, 'data-alliance': id,
    'aria-labelledby': `sharing-title-${id}` },
  h('h3', { id: `sharing-title-${id}` }, t('ali_shareTitle', { name: alliance.name })),
  h('p', {}, t('ali_shareIntro')),
  admin ? null : h('p', { class: 'hint', id: `sharing-readonly-${id}` }, t('ali_shareReadOnly')),
  form, box, h('p', { class: 'hint', id: `sharing-withdraw-${id}` }, t('ali_shareWithdraw')),
  reportLinks(alliance));
  let settings = null;
  const radios = (c) => [...form.querySelectorAll(`input[name="sharing-${id}-${c}"]`)];
  const chosen = (c) => (radios(c).find((r) => r.checked) || {}).value;
  const changes = () => Object.fromEntries(CLASSES.filter((c) => chosen(c) !== settings.classes[c].level)
    .map((c) => [c, chosen(c)]));
  const unsaved = h('span', { class: 'hint', id: `sharing-unsaved-${id}` });
  const showUnsaved = () => {
    const count = Object.keys(changes()).length;
    unsaved.textContent = count === 0 ? '' : count === 1 ? t('ali_unsavedOne') : t('ali_unsavedMany', { count });
  };
  const save = h('button', { type: 'submit', class: 'primary', id: `sharing-save-${id}`,
    'aria-label': t('ali_shareSaveFor', { name: alliance.name }) }, t('ali_shareSave'));

  const draw = () => {
    replace(form, CLASSES.map((c) => classFieldset(id, c, settings, alliance.members, admin)),
      admin ? h('div', { class: 'actions' }, save, unsaved) : null);
    showUnsaved();
    section.dataset.ready = 'true';
  };
  form.addEventListener('change', showUnsaved);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!admin || !settings) {
      return;
    }
    box.clear();
    const changed = changes();
    if (!Object.keys(changed).length) {
      box.ok(t('ali_shareNothing'));
      box.focus();
      return;
    }
    const newlyNamed = CLASSES.filter((c) => changed[c] === 'named');
    if (newlyNamed.length && !(await confirmNamed(section, alliance, newlyNamed))) {
      save.focus();
      return;
    }
    await busy(save, null, async () => {
      try {
        settings = await api(`/api/v1/alliances/${id}/sharing`, { method: 'PUT', body: changed });
      } catch (e) {
        // The choices stay as the admin left them, so the save can be tried again once the reason is dealt with.
        box.error(e);
        return;
      }
      draw();
      saved();
      box.ok(t('ali_shareSaved', { name: alliance.name, changes: Object.entries(changed)
        .map(([c, level]) => t('ali_shareChange', { class: t(`ali_class_${c}`), level: t(`ali_level_${level}`) }))
        .join(t('ali_sep')) }));
    });
    box.focus();
  });
  api(`/api/v1/alliances/${id}/sharing`).then((answer) => {
    settings = answer;
    draw();
  }, (e) => {
    replace(form);
    box.error(e);
    section.dataset.ready = 'true';
  });
  return section;
}

/** One signal class: what it sends, the three levels as radio buttons, and how many members share it. */
function classFieldset(id, c, settings, members, admin) {
  const mine = settings.classes[c];
  const base = `sharing-${id}-${c}`;
  const below = mine.anonymityFloorMet ? null
    : h('span', { class: 'floor', id: `${base}-floor` }, ' ', t('ali_belowFloor', { floor: settings.anonymityFloor }));
  return h('fieldset', { class: 'sharing-class', id: base, 'data-level': mine.level, disabled: !admin,
    'aria-describedby': `${base}-what ${base}-count` },
  h('legend', {}, t(`ali_class_${c}`)),
  h('p', { class: 'hint', id: `${base}-what` }, t(`ali_classWhat_${c}`)),
  h('div', { class: 'choices' }, LEVELS.map((level) => h('label', { class: 'choice', for: `${base}-${level}` },
    h('input', { type: 'radio', name: base, value: level, id: `${base}-${level}`, checked: mine.level === level }),
    ' ', t(`ali_level_${level}`)))),
  h('p', { class: 'sharing-count', id: `${base}-count`, 'data-sharing-members': mine.sharingMembers },
    t('ali_sharedBy', { count: mine.sharingMembers, members }), below));
}

/**
 * Asks in a modal dialog before classes are shared with the brand's name, naming them and what that means. Cancel has
 * the focus first, so Enter alone does not reveal the brand; Escape cancels too. Answers true to go ahead.
 */
function confirmNamed(section, alliance, classes) {
  const title = `sharing-confirm-title-${alliance.id}`;
  const text = `sharing-confirm-text-${alliance.id}`;
  const yes = h('button', { type: 'button', class: 'primary', id: 'sharing-confirm-yes' }, t('ali_namedYes'));
  const no = h('button', { type: 'button', id: 'sharing-confirm-no', autofocus: true }, t('cancel'));
  const dialog = h('dialog', { class: 'confirm', id: 'sharing-confirm', 'aria-labelledby': title,
    'aria-describedby': text },
  h('h2', { id: title }, t('ali_namedTitle')),
  h('p', { id: text }, t('ali_namedText', { name: alliance.name })),
  h('ul', {}, classes.map((c) => h('li', {}, t(`ali_class_${c}`)))),
  h('p', {}, t('ali_namedAfter')),
  h('div', { class: 'actions' }, yes, no));
  return new Promise((resolve) => {
    yes.addEventListener('click', () => dialog.close('yes'));
    no.addEventListener('click', () => dialog.close('no'));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes');
      dialog.remove();
    });
    section.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
