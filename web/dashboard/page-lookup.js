// Code lookup: paste a label's URL (or scan it with the camera through html5-qrcode) and see whether it
// verifies, its batch, its state and every scan of it.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, number, field, messageBox, busy, badge, loadScript } from './dom.js';
import { scanTable } from './page-alerts.js';
import { qrScanner } from '/assets/qr-camera.js';

const QR_LIBRARY = '/webjars/html5-qrcode/2.2.1/html5-qrcode.min.js';

register({
  en: {
    lu_title: 'Code lookup', lu_code: 'Label URL or code', lu_hint: 'Paste the URL a label\'s QR holds.', lu_go: 'Look up',
    lu_camera: 'Scan with the camera', lu_stop: 'Stop the camera', lu_starting: 'Starting the camera…',
    lu_scanning: 'Point the camera at a label.', lu_noCamera: 'No camera is available here; paste the URL instead.',
    lu_valid: 'Genuine code of your brand', lu_invalid: 'Not a genuine code', lu_reason: 'Why',
    lu_serial: 'Serial', lu_index: 'Index in the batch', lu_batchStatus: 'Batch status', lu_firstScan: 'First scan',
    lu_lastScan: 'Last scan', lu_scans: 'Scans', lu_devices: 'Phones', lu_neverScanned: 'Never scanned yet.',
    lu_history: 'Scan history', reason_malformed: 'The text is not a Touchmark code.',
    reason_unknown_key: 'Signed with a key that is not known.', reason_revoked_key: 'Signed with a revoked key.',
    reason_bad_signature: 'The signature does not match: forged or altered.', reason_unknown_batch: 'The batch does not exist.',
    reason_index_out_of_range: 'The index is outside the batch.', reason_details_mismatch: 'The printed details do not match the batch.',
  },
  'zh-CN': {
    lu_title: '查码', lu_code: '标签网址或码', lu_hint: '粘贴标签二维码中的网址。', lu_go: '查询',
    lu_camera: '用摄像头扫码', lu_stop: '关闭摄像头', lu_starting: '正在打开摄像头…',
    lu_scanning: '请将摄像头对准标签。', lu_noCamera: '此处没有可用的摄像头；请粘贴网址。',
    lu_valid: '本品牌的正品码', lu_invalid: '不是正品码', lu_reason: '原因',
    lu_serial: '序列号', lu_index: '批次内序号', lu_batchStatus: '批次状态', lu_firstScan: '首次扫码',
    lu_lastScan: '最近扫码', lu_scans: '扫码次数', lu_devices: '手机数', lu_neverScanned: '尚未被扫码。',
    lu_history: '扫码记录', reason_malformed: '这不是 Touchmark 码。',
    reason_unknown_key: '签名所用的密钥未知。', reason_revoked_key: '签名所用的密钥已被吊销。',
    reason_bad_signature: '签名不匹配：伪造或被篡改。', reason_unknown_batch: '批次不存在。',
    reason_index_out_of_range: '序号超出批次范围。', reason_details_mismatch: '印刷的信息与批次不符。',
  },
});

export async function render(main, ctx) {
  const input = h('textarea', { id: 'lookup-code', rows: '2', required: true, spellcheck: 'false', autocomplete: 'off' });
  const box = messageBox();
  const result = h('div', { id: 'lookup-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'lookup-submit' }, t('lu_go'));
  const cameraButton = h('button', { type: 'button', id: 'lookup-camera' }, t('lu_camera'));
  const stopButton = h('button', { type: 'button', hidden: true }, t('lu_stop'));
  const cameraStatus = h('p', { class: 'hint', role: 'status' });
  const reader = h('div', { id: 'reader', hidden: true });
  let scanner = null;

  const lookUp = () => busy(button, box, async () => {
    const code = input.value.trim();
    replace(result, showResult(await api('/api/v1/codes/lookup', { query: { code } })));
  });
  const stopCamera = async () => {
    const running = scanner;
    scanner = null;
    reader.hidden = true;
    stopButton.hidden = true;
    cameraButton.hidden = false;
    if (running) {
      try {
        await running.stop();
        running.clear();
      } catch {
        // already stopped
      }
    }
  };
  cameraButton.addEventListener('click', async () => {
    if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)) {
      cameraStatus.textContent = t('lu_noCamera');
      return;
    }
    cameraStatus.textContent = t('lu_starting');
    try {
      await loadScript(QR_LIBRARY);
      reader.hidden = false;
      cameraButton.hidden = true;
      stopButton.hidden = false;
      scanner = await qrScanner('reader');
      await scanner.start({ facingMode: 'environment' }, { fps: 10 }, async (text) => {
        if (!scanner) {
          return;
        }
        input.value = text;
        cameraStatus.textContent = '';
        await stopCamera();
        lookUp();
      }, () => {});
      cameraStatus.textContent = t('lu_scanning');
    } catch (e) {
      await stopCamera();
      cameraStatus.textContent = `${t('lu_noCamera')} (${e && e.name ? e.name : e})`;
    }
  });
  stopButton.addEventListener('click', stopCamera);

  replace(main, h('h1', {}, t('lu_title')),
    h('form', { class: 'card', onsubmit: (event) => {
      event.preventDefault();
      lookUp();
    } }, field(t('lu_code'), input, t('lu_hint')), h('div', { class: 'actions' }, button, cameraButton, stopButton),
    cameraStatus, reader, box),
    result);
  const preset = ctx.query.get('code');
  if (preset) {
    input.value = preset;
    lookUp();
  }
  return () => {
    stopCamera();
  };
}

function showResult(r) {
  if (!r.valid) {
    return h('div', { class: 'card', 'data-valid': 'false' },
      h('h2', { style: 'margin-top:0' }, badge('not_genuine', t('lu_invalid'))),
      h('p', {}, t(`reason_${r.reason}`)),
      r.batchId ? h('p', {}, h('a', { href: `#/batches/${r.batchId}` }, t('ba_batch', { id: r.batchId }))) : null);
  }
  const s = r.state;
  return h('div', { 'data-valid': 'true' },
    h('div', { class: 'card' },
      h('h2', { style: 'margin-top:0' }, badge('genuine', t('lu_valid'))),
      h('dl', { class: 'facts' },
        h('dt', {}, t('ba_product')), h('dd', {}, r.product || '–'),
        h('dt', {}, t('ba_batch', { id: '' }).trim()), h('dd', {}, h('a', { href: `#/batches/${r.batchId}` }, r.batchId)),
        h('dt', {}, t('lu_batchStatus')), h('dd', {}, badge(r.batchStatus, t(`bs_${r.batchStatus}`))),
        h('dt', {}, t('lu_index')), h('dd', {}, r.index),
        h('dt', {}, t('lu_serial')), h('dd', {}, h('code', {}, r.serial)),
        h('dt', {}, t('ba_lot')), h('dd', {}, r.lot || '–'),
        h('dt', {}, t('ba_expiry')), h('dd', {}, r.expiry || '–'),
        h('dt', {}, t('lu_scans')), h('dd', {}, s ? number(s.scans) : '0'),
        h('dt', {}, t('lu_devices')), h('dd', {}, s ? number(s.devices) : '0'),
        h('dt', {}, t('lu_firstScan')), h('dd', {}, s ? `${dateTime(s.firstScanAt)} ${s.firstCountry || ''}` : '–'),
        h('dt', {}, t('lu_lastScan')), h('dd', {}, s ? dateTime(s.lastScanAt) : '–'))),
    h('h2', {}, t('lu_history')),
    r.scans && r.scans.length ? scanTable(r.scans) : h('p', { class: 'empty' }, t('lu_neverScanned')));
}
