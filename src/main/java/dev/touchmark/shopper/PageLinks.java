package dev.touchmark.shopper;

/**
 * Where the verification page links to.
 *
 * @param switchLanguageUrl the same page in the other language; null hides the switch
 * @param reportUrl         where the "report a problem" form posts; null hides the form
 * @param scanPageUrl       the in-browser scanner, normally "/scan"; null hides the link
 */
public record PageLinks(String switchLanguageUrl, String reportUrl, String scanPageUrl) {
}
