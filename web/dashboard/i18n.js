// English and Simplified Chinese. The shell's texts and those several pages share are here; each page adds its own
// with register(). Pages load on demand, so a page must use only its own texts and these: another page's are there
// only once that page was opened (DashboardKeysTest reads the sources and holds every module to this).
// The chosen language is remembered in localStorage; the first visit follows the browser's language.

const STORAGE_KEY = 'touchmark.lang';
export const LANGUAGES = ['en', 'zh-CN'];
const messages = { en: {}, 'zh-CN': {} };
let current = initial();
const listeners = new Set();

function initial() {
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage may be blocked; fall back to the browser's language
  }
  if (LANGUAGES.includes(saved)) {
    return saved;
  }
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Adds texts: {en: {key: text}, 'zh-CN': {key: text}}; "{name}" in a text is replaced by params.name. */
export function register(texts) {
  LANGUAGES.forEach((l) => Object.assign(messages[l], texts[l] || {}));
}

/** The current language tag. */
export function lang() {
  return current;
}

/** Switches the language, remembers it, and tells the listeners (the app re-renders). */
export function setLang(next) {
  if (!LANGUAGES.includes(next) || next === current) {
    return;
  }
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered, but still switched
  }
  document.documentElement.lang = next;
  listeners.forEach((listener) => listener(next));
}

/** Calls back after each language switch. */
export function onLangChange(listener) {
  listeners.add(listener);
}

/** A verdict id from the API (genuine, seen_before, ...) in words; an unknown id as it is. */
export function verdictText(id) {
  return t(`verdict_${id}`) === `verdict_${id}` ? id : t(`verdict_${id}`);
}

/** The text of a key in the current language (English if missing, else the key itself). */
export function t(key, params) {
  const text = messages[current][key] ?? messages.en[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text;
}

register({
  en: {
    verdict_genuine: 'genuine', verdict_seen_before: 'seen before', verdict_suspect: 'suspect',
    verdict_recalled: 'recalled', verdict_not_released: 'not released', verdict_voided: 'voided',
    verdict_not_genuine: 'not genuine',
    appName: 'Touchmark',
    skip: 'Skip to content',
    menu: 'Menu',
    language: 'Language',
    signOut: 'Sign out',
    signIn: 'Sign in',
    signInTitle: 'Sign in to your brand dashboard',
    email: 'Email',
    password: 'Password',
    changePasswordTitle: 'Choose your own password',
    changePasswordText: 'You signed in with a temporary password. Choose a new one of at least 12 characters to continue.',
    currentPassword: 'Current (temporary) password',
    newPassword: 'New password',
    repeatPassword: 'New password again',
    passwordsDiffer: 'The two new passwords are not the same.',
    passwordTooShort: 'The new password needs at least 12 characters.',
    savePassword: 'Save password',
    error: 'Could not do that:',
    none: 'Nothing here yet.',
    loading: 'Loading…',
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    refresh: 'Refresh',
    more: 'Load more',
    signedInAs: 'Signed in as {actor} ({role})',
    role_admin: 'admin',
    role_operator: 'operator',
    role_viewer: 'viewer',
    nav: 'Main',
    nav_overview: 'Overview',
    nav_map: 'Map',
    nav_alerts: 'Alerts',
    nav_products: 'Products',
    nav_batches: 'Batches',
    nav_lookup: 'Code lookup',
    nav_reports: 'Shopper reports',
    'nav_periodic-reports': 'Regular reports',
    nav_keys: 'Keys',
    nav_webhooks: 'Webhooks',
    nav_apikeys: 'API keys',
    nav_users: 'Users',
    nav_notifications: 'Notifications',
    nav_security: 'Security',
    nav_rules: 'Thresholds',
    nav_branding: 'Verification page',
    nav_alliances: 'Alliances',
    notFound: 'There is no such page.',
    forbidden: 'Your role cannot open this page.',
    live_on: 'Live',
    live_off: 'Reconnecting…',
    sev_low: 'low',
    sev_medium: 'medium',
    sev_high: 'high',
    sev_critical: 'critical',
    st_open: 'open',
    st_acknowledged: 'acknowledged',
    st_resolved: 'resolved',
    st_false_positive: 'false positive',
    // Shared by pages: history tables (alerts, batches) and a batch's facts (batches, code lookup).
    al_at: 'When', al_actor: 'Who',
    ba_batch: 'Batch {id}', ba_product: 'Product', ba_lot: 'Lot', ba_expiry: 'Expiry',
    bs_draft: 'draft', bs_released: 'released', bs_recalled: 'recalled', bs_voided: 'voided',
  },
  'zh-CN': {
    verdict_genuine: '正品', verdict_seen_before: '已被验证过', verdict_suspect: '可疑', verdict_recalled: '已召回',
    verdict_not_released: '尚未发布', verdict_voided: '已作废', verdict_not_genuine: '非正品',
    appName: 'Touchmark',
    skip: '跳到主要内容',
    menu: '菜单',
    language: '语言',
    signOut: '退出登录',
    signIn: '登录',
    signInTitle: '登录品牌控制台',
    email: '电子邮箱',
    password: '密码',
    changePasswordTitle: '设置您自己的密码',
    changePasswordText: '您使用临时密码登录。请设置一个至少 12 个字符的新密码后继续。',
    currentPassword: '当前（临时）密码',
    newPassword: '新密码',
    repeatPassword: '再次输入新密码',
    passwordsDiffer: '两次输入的新密码不一致。',
    passwordTooShort: '新密码至少需要 12 个字符。',
    savePassword: '保存密码',
    error: '操作失败：',
    none: '暂无内容。',
    loading: '加载中…',
    save: '保存',
    cancel: '取消',
    close: '关闭',
    refresh: '刷新',
    more: '加载更多',
    signedInAs: '当前用户 {actor}（{role}）',
    role_admin: '管理员',
    role_operator: '操作员',
    role_viewer: '查看者',
    nav: '主导航',
    nav_overview: '概览',
    nav_map: '地图',
    nav_alerts: '警报',
    nav_products: '产品',
    nav_batches: '批次',
    nav_lookup: '查码',
    nav_reports: '消费者举报',
    'nav_periodic-reports': '定期报告',
    nav_keys: '密钥',
    nav_webhooks: 'Webhook',
    nav_apikeys: 'API 密钥',
    nav_users: '用户',
    nav_notifications: '通知',
    nav_security: '安全',
    nav_rules: '阈值',
    nav_branding: '验证页面',
    nav_alliances: '联盟',
    notFound: '没有这个页面。',
    forbidden: '您的角色无权打开此页面。',
    live_on: '实时',
    live_off: '正在重新连接…',
    sev_low: '低',
    sev_medium: '中',
    sev_high: '高',
    sev_critical: '严重',
    st_open: '未处理',
    st_acknowledged: '已确认',
    st_resolved: '已解决',
    st_false_positive: '误报',
    al_at: '时间', al_actor: '操作人',
    ba_batch: '批次 {id}', ba_product: '产品', ba_lot: '批号', ba_expiry: '有效期',
    bs_draft: '草稿', bs_released: '已发布', bs_recalled: '已召回', bs_voided: '已作废',
  },
});
