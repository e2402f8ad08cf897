package dev.touchmark.shopper;

import static dev.touchmark.shopper.Html.escape;

import dev.touchmark.i18n.Lang;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The optional "share my approximate location" section of a verdict page. The verdict never needs it;
 * with JavaScript and the shopper's consent, the browser rounds its position to a tenth of a degree
 * (about 10 km) before sending it, and the server rounds again.
 */
final class LocationShare {
    private LocationShare() {
    }

    /** The section for a recorded scan; the button stays hidden until the script shows it. */
    static String section(String scanId, Lang lang) {
        return "<section class=\"card\" id=\"geo\" hidden data-scan=\"" + escape(scanId) + "\""
                + " data-thanks=\"" + escape(Messages.GEO_THANKS.in(lang)) + "\""
                + " data-failed=\"" + escape(Messages.GEO_FAILED.in(lang)) + "\">"
                + "<h2>" + escape(Messages.GEO_HEADING.in(lang)) + "</h2>"
                + "<p>" + escape(Messages.GEO_TEXT.in(lang)) + "</p>"
                + "<button type=\"button\" class=\"btn secondary\" id=\"geo-share\">" + escape(Messages.GEO_BUTTON.in(lang)) + "</button>"
                + "<p id=\"geo-status\" role=\"status\"></p></section>"
                + "<script>" + SCRIPT + "</script>";
    }

    /**
     * The script's CSP source (its SHA-256), which lets this one inline script run on verdict pages that allow no
     * other (see VerifyPage.CSP).
     */
    static final String SCRIPT_SOURCE;

    private static final String SCRIPT = "(function(){var s=document.getElementById('geo');"
            + "if(!s||!navigator.geolocation||!window.fetch)return;s.hidden=false;"
            + "var b=document.getElementById('geo-share'),t=document.getElementById('geo-status');"
            + "b.addEventListener('click',function(){b.disabled=true;"
            + "navigator.geolocation.getCurrentPosition(function(p){"
            + "var r=function(v){return Math.round(v*10)/10;};"
            + "fetch('/api/v1/scans/'+s.dataset.scan+'/location',{method:'POST',credentials:'same-origin',"
            + "headers:{'Content-Type':'application/json'},"
            + "body:JSON.stringify({lat:r(p.coords.latitude),lon:r(p.coords.longitude)})})"
            + ".then(function(x){t.textContent=x.ok?s.dataset.thanks:s.dataset.failed;})"
            + ".catch(function(){t.textContent=s.dataset.failed;});"
            + "},function(){t.textContent=s.dataset.failed;b.disabled=false;},"
            + "{enableHighAccuracy:false,maximumAge:600000,timeout:20000});});})();";

    static {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(SCRIPT.getBytes(StandardCharsets.UTF_8));
            SCRIPT_SOURCE = "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
