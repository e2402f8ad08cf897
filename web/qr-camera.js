// What both camera scanners (/scan and the dashboard's code lookup) pass to html5-qrcode: QR codes only, and the
// browser's own barcode detector where it reads QR codes (Chrome on Android and on macOS, for example), which is
// faster and more tolerant than the zxing-js that html5-qrcode bundles; everywhere else zxing-js.

/** Whether this browser has a built-in detector that reads QR codes. */
export async function nativeQrDetector() {
  try {
    return 'BarcodeDetector' in window
      && (await window.BarcodeDetector.getSupportedFormats()).includes('qr_code');
  } catch {
    return false;
  }
}

/** The html5-qrcode constructor options of a QR-only scanner. */
export async function qrScannerOptions(lib) {
  return {
    formatsToSupport: [lib.Html5QrcodeSupportedFormats.QR_CODE],
    verbose: false,
    experimentalFeatures: { useBarCodeDetectorIfSupported: await nativeQrDetector() },
  };
}
