// Thresholds: the brand's detection rules; admins change them, others see them.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, field, messageBox, busy } from './dom.js';

const NUMBERS = [
  ['cloneDevices', 2, 1000], ['travelKmh', 100, 100000], ['marketCodes', 1, 100000], ['burstFactor', 2, 1000],
  ['burstMinScans', 10, 10000000], ['hotspotCodes', 2, 10000], ['hotspotDays', 1, 365], ['suspectScore', 1, 100],
  ['marketBatchCodes', 1, 100000], ['lateDeviceDays', 1, 365], ['runCodes', 2, 64],
];

register({
  en: {
    ru_title: 'Detection thresholds', ru_intro: 'When a pattern becomes an alert, for this brand.', ru_saved: 'Thresholds saved.',
    ru_cloneDevices: 'Phones on one code that make a clone', ru_travelKmh: 'Impossible travel above (km/h)',
    ru_outOfMarket: 'Scans outside a batch\'s markets count as a risk', ru_marketCodes: 'Codes sold or scanned by a new phone in one country outside the markets that raise a diversion alert',
    ru_burstFactor: 'Burst: scans per hour as a multiple of the usual', ru_burstMinScans: 'Burst: fewest scans in an hour',
    ru_hotspotCodes: 'Hotspot: suspect codes in one ~50 km cell', ru_hotspotDays: 'Hotspot: days looked back',
    ru_suspectScore: 'Risk score from which shoppers see "suspect"',
    ru_marketBatchCodes: 'Codes of one batch seen outside its markets, in any countries, that raise a diversion alert',
    ru_lateDeviceDays: 'Days after a code\'s first scan from which a new phone adds to its risk',
    ru_runCodes: 'Codes among 64 neighbours coming back late on new phones that make a duplicate print run', ru_readOnly: 'Only admins can change the thresholds.',
  },
  'zh-CN': {
    ru_title: '检测阈值', ru_intro: '本品牌在何种情况下产生警报。', ru_saved: '阈值已保存。',
    ru_cloneDevices: '同一码被多少部手机扫描即视为克隆', ru_travelKmh: '超过此速度视为不可能的移动（公里/小时）',
    ru_outOfMarket: '在批次市场以外的扫码计入风险', ru_marketCodes: '在市场外首次售出多少个码即产生窜货警报',
    ru_burstFactor: '激增：每小时扫码量为平常的倍数', ru_burstMinScans: '激增：一小时内最少扫码数',
    ru_hotspotCodes: '热点：约 50 公里范围内的可疑码数', ru_hotspotDays: '热点：回溯天数',
    ru_suspectScore: '消费者看到“可疑”的风险分起点',
    ru_marketBatchCodes: '同一批次在其市场以外（任意国家）被发现多少个码即产生窜货警报',
    ru_lateDeviceDays: '码首次扫描多少天后，新手机的扫描计入风险',
    ru_runCodes: '相邻 64 个码中有多少个在数周后被新手机扫描即视为重复印制', ru_readOnly: '只有管理员可以修改阈值。',
  },
});

export async function render(main, ctx) {
  const rules = await api('/api/v1/rules');
  const admin = ctx.can('admin');
  const inputs = NUMBERS.map(([name, min, max]) => h('input', { id: `rule-${name}`, name, type: 'number', min: String(min),
    max: String(max), step: '1', value: String(rules[name]), disabled: !admin, required: true }));
  const outOfMarket = h('input', { id: 'rule-outOfMarket', type: 'checkbox', checked: Boolean(rules.outOfMarket), disabled: !admin });
  const box = messageBox();
  box.id = 'rules-message';
  const button = h('button', { type: 'submit', class: 'primary', id: 'rules-save', hidden: !admin }, t('save'));
  replace(main, h('h1', {}, t('ru_title')), h('p', {}, t('ru_intro')),
    admin ? null : h('p', { class: 'hint' }, t('ru_readOnly')),
    h('form', { class: 'card', onsubmit: (event) => {
      event.preventDefault();
      busy(button, box, async () => {
        const body = { outOfMarket: outOfMarket.checked };
        inputs.forEach((input) => {
          body[input.name] = Number(input.value);
        });
        await api('/api/v1/rules', { method: 'PUT', body });
        box.ok(t('ru_saved'));
      });
    } },
    h('div', { class: 'form-grid' }, NUMBERS.map(([name], i) => field(t(`ru_${name}`), inputs[i]))),
    h('div', { class: 'field' }, h('label', {}, outOfMarket, ' ', t('ru_outOfMarket'))),
    box, button));
}
