package dev.touchmark.detection;

import java.time.Instant;

/**
 * One scan of the scenario with its ground truth.
 *
 * @param at       simulated time of the scan
 * @param batch    the key of the batch the code names
 * @param index    the code's index in that batch (at or beyond the batch's quantity for a printer overrun)
 * @param forged   true if the code's signature is made up (only the batch and index are real)
 * @param device   the device cookie the request carries (26 base32 characters); null for a partner app's call that
 *                 sends no device id
 * @param country  the country the scan comes from, as the proxy header tells it
 * @param location the location the phone shares after the verdict (or, through the API, with the request), or null
 * @param story    how the code came to be scanned (its truth is story.truth())
 * @param illicit  true for a scan that detection should flag: a fake, a diverted, leaked, overrun or forged label;
 *                 false for a genuine buyer's scan, including the first owner of a label that is later cloned
 * @param ip       the client's IPv4 address as the trusted proxy forwards it (the server keeps a hash of its /24)
 * @param channel  how the scan reaches the server
 */
public record ScanEvent(Instant at, String batch, long index, boolean forged, String device, String country,
                        GeoPoint location, Story story, boolean illicit, String ip, Channel channel) {

    /** How a scan reaches the server. */
    public enum Channel {
        /** A GET of the code's URL from a browser, with the device cookie. */
        PAGE,
        /** POST /api/v1/verify from a partner app, with deviceId only if the event has a device. */
        API
    }

    /** A page scan whose address is given later (see {@link Networks}). */
    public ScanEvent(Instant at, String batch, long index, boolean forged, String device, String country,
                     GeoPoint location, Story story, boolean illicit) {
        this(at, batch, index, forged, device, country, location, story, illicit, null, Channel.PAGE);
    }

    /** The same scan from another address. */
    public ScanEvent withIp(String address) {
        return new ScanEvent(at, batch, index, forged, device, country, location, story, illicit, address, channel);
    }

    /** The code's truth. */
    public Truth truth() {
        return story.truth();
    }

    /** The code as "batchKey:index" (forged codes are their own codes, so they never mix with genuine ones). */
    public String code() {
        return (forged ? "forged:" : "") + batch + ":" + index;
    }

    /** The /24 network prefix of the address, as the server groups it. */
    public String prefix() {
        return ip == null ? null : ip.substring(0, ip.lastIndexOf('.'));
    }
}
