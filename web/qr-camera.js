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

/**
 * Whether html5-qrcode's browser bundle (html5-qrcode.min.js, loaded as a classic script) is there. Pages reach the
 * library through the globals that bundle documents for pages without a module loader (Html5Qrcode,
 * Html5QrcodeSupportedFormats): its ES build imports its own files without extensions, which only a bundler resolves.
 */
export function qrLibraryLoaded() {
  return typeof window.Html5Qrcode === 'function' && typeof window.Html5QrcodeSupportedFormats === 'object';
}

/** A QR-only html5-qrcode scanner drawing into the element with this id (the library must be loaded). */
export async function qrScanner(elementId) {
  return new window.Html5Qrcode(elementId, {
    formatsToSupport: [window.Html5QrcodeSupportedFormats.QR_CODE],
    verbose: false,
    experimentalFeatures: { useBarCodeDetectorIfSupported: await nativeQrDetector() },
  });
}
