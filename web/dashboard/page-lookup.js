// Code lookup: paste a label's URL (or scan it with the camera through html5-qrcode), or type the serial number or
// scan reference a shopper quotes, and see whether it verifies, its batch, its state and every scan of it.
import { api } from './api.js';
import { t, register } from './i18n.js';
import { h, replace, dateTime, number, field, messageBox, busy, badge, loadScript } from './dom.js';
import { scanTable } from './page-alerts.js';
import { qrScanner } from '/assets/qr-camera.js';

const QR_LIBRARY = '/webjars/html5-qrcode/2.2.1/html5-qrcode.min.js';

register({
  en: {
    lu_title: 'Code lookup', lu_code: 'Label URL, serial number or scan reference',
    lu_hint: 'Paste the URL a label\'s QR holds, or type the serial number or the scan reference the shopper quotes from the verdict page.',
    lu_go: 'Look up',
    lu_camera: 'Scan with the camera', lu_stop: 'Stop the camera', lu_starting: 'Starting the camera…',
    lu_scanning: 'Point the camera at a label.', lu_noCamera: 'No camera is available here; paste the URL instead.',
    lu_valid: 'Genuine code of your brand', lu_invalid: 'Not a genuine code', lu_reason: 'Why',
    lu_serial: 'Serial', lu_index: 'Index in the batch', lu_batchStatus: 'Batch status', lu_firstScan: 'First scan',
    lu_lastScan: 'Last scan', lu_scans: 'Scans', lu_devices: 'Phones', lu_neverScanned: 'Never scanned yet.',
    lu_history: 'Scan history', reason_malformed: 'The text is not a Touchmark code.',
    reason_unknown_key: 'Signed with a key that is not known.', reason_revoked_key: 'Signed with a revoked key.',
    reason_bad_signature: 'The signature does not match: forged or altered.', reason_unknown_batch: 'The batch does not exist.',
    reason_index_out_of_range: 'Signed with the brand\'s key, but beyond the batch\'s quantity: a printer overrun or a misused key.', reason_details_mismatch: 'The printed details do not match the batch.',
    lu_foundBy_code: 'Found by what the label\'s QR holds.', lu_foundBy_serial: 'Found by its serial number (a serial alone proves nothing: only the label\'s QR is signed).',
    lu_foundBy_reference: 'Found by the scan reference {id}; that scan is highlighted in the history.',
    lu_ambiguous: 'Several codes of your brand could have this serial', lu_ambiguousHint: 'A 1 may be an I or an L. Choose the code the shopper holds:',
    lu_unknownReason: 'It did not verify.', lu_batch: 'Batch {id}',
  },
  'zh-CN': {
    lu_title: '查码', lu_code: '标签网址、序列号或扫码参考编号', lu_hint: '粘贴标签二维码中的网址，或输入顾客从验证结果页提供的序列号或扫码参考编号。', lu_go: '查询',
    lu_camera: '用摄像头扫码', lu_stop: '关闭摄像头', lu_starting: '正在打开摄像头…',
    lu_scanning: '请将摄像头对准标签。', lu_noCamera: '此处没有可用的摄像头；请粘贴网址。',
    lu_valid: '本品牌的正品码', lu_invalid: '不是正品码', lu_reason: '原因',
    lu_serial: '序列号', lu_index: '批次内序号', lu_batchStatus: '批次状态', lu_firstScan: '首次扫码',
    lu_lastScan: '最近扫码', lu_scans: '扫码次数', lu_devices: '手机数', lu_neverScanned: '尚未被扫码。',
    lu_history: '扫码记录', reason_malformed: '这不是 Touchmark 码。',
    reason_unknown_key: '签名所用的密钥未知。', reason_revoked_key: '签名所用的密钥已被吊销。',
    reason_bad_signature: '签名不匹配：伪造或被篡改。', reason_unknown_batch: '批次不存在。',
    reason_index_out_of_range: '由品牌密钥签名，但超出批次数量：印刷超量或密钥被滥用。', reason_details_mismatch: '印刷的信息与批次不符。',
    lu_foundBy_code: '按标签二维码的内容查到。', lu_foundBy_serial: '按序列号查到（仅凭序列号不能证明真伪：只有标签二维码带签名）。',
    lu_foundBy_reference: '按扫码参考编号 {id} 查到；该次扫码已在记录中突出显示。',
    lu_ambiguous: '本品牌有多个码可能对应此序列号', lu_ambiguousHint: '“1”可能是 I 或 L。请选择顾客手中的码：',
    lu_unknownReason: '未通过验证。', lu_batch: '批次 {id}',
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
    const referenced = result.querySelector('tr.scan-referenced');
    if (referenced) {
      referenced.scrollIntoView({ block: 'nearest' });
    }
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
  if (r.matches && r.matches.length) {
    return h('div', { class: 'card', id: 'lookup-matches' },
      h('h2', { style: 'margin-top:0' }, t('lu_ambiguous')), h('p', {}, t('lu_ambiguousHint')),
      h('ul', {}, r.matches.map((m) => h('li', {},
        h('a', { href: `#/lookup?code=${encodeURIComponent(m.serial)}` }, h('code', {}, m.serial)),
        ` · ${t('lu_batch', { id: m.batchId })} · ${t('lu_index')} ${m.index} · ${m.product || '–'}${m.lot ? ` · ${m.lot}` : ''}`))));
  }
  const foundBy = h('p', { class: 'hint', id: 'lookup-found-by' }, t(`lu_foundBy_${r.foundBy}`, { id: r.scanId || '' }));
  if (!r.valid) {
    return h('div', { 'data-valid': 'false' },
      h('div', { class: 'card' },
        h('h2', { style: 'margin-top:0' }, badge('not_genuine', t('lu_invalid'))),
        h('p', {}, r.reason ? t(`reason_${r.reason}`) : t('lu_unknownReason')), foundBy,
        r.batchId ? h('p', {}, h('a', { href: `#/batches/${r.batchId}` }, t('ba_batch', { id: r.batchId }))) : null),
      r.scans && r.scans.length ? [h('h2', {}, t('lu_history')), scanHistory(r)] : null);
  }
  const s = r.state;
  return h('div', { 'data-valid': 'true' },
    h('div', { class: 'card' },
      h('h2', { style: 'margin-top:0' }, badge('genuine', t('lu_valid'))), foundBy,
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
    r.scans && r.scans.length ? scanHistory(r) : h('p', { class: 'empty' }, t('lu_neverScanned')));
}

/** The scans of the code; the one a scan reference named is marked (its row is the scan's place in r.scans). */
function scanHistory(r) {
  const view = scanTable(r.scans);
  if (r.scanId) {
    const rows = view.querySelectorAll('tbody tr');
    const at = r.scans.findIndex((scan) => scan.id === r.scanId);
    if (at >= 0 && rows[at]) {
      rows[at].classList.add('scan-referenced');
      rows[at].setAttribute('aria-current', 'true');
      rows[at].dataset.scanId = r.scanId;
    }
  }
  return view;
}
