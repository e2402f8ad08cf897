package dev.touchmark.scan;

import dev.touchmark.domain.BatchStatus;
import dev.touchmark.domain.CodeRef;
import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.Place;
import dev.touchmark.domain.Shopper;
import dev.touchmark.domain.Verdict;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One scan to record. When tracksCode is true (a validly signed code of an existing batch) the code's state is
 * updated and decide receives its history; otherwise decide receives null. decide runs on the writer thread, in scan
 * order, with the scan's risk assessment, so the verdict sees every scan recorded before it. batchStatus and markets
 * describe the code's batch for detection (null when there is none); notGenuineReason is set for forged codes, whose
 * batch and index are the ones they claim when those are ours (else null). Build one with {@link #tracked} or
 * {@link #notGenuine}.
 */
public record ScanToRecord(long brandId, Long batchId, Long codeIndex, boolean tracksCode, Shopper shopper,
                           BatchStatus batchStatus, Set<String> markets, NotGenuineReason notGenuineReason,
                           BiFunction<CodeHistory, Assessment, Outcome> decide) {

    /** A scan of a validly signed code of one of the brand's batches: its state is tracked and decide gives the verdict. */
    public static ScanToRecord tracked(long brandId, CodeRef code, BatchStatus batchStatus, Set<String> markets,
                                       Shopper shopper, BiFunction<CodeHistory, Assessment, Outcome> decide) {
        return new ScanToRecord(brandId, code.batchId(), code.index(), true, shopper, batchStatus, markets, null, decide);
    }

    /** A scan of a code that is not genuine, attributed to a brand (and to the batch and index it claims, if known). */
    public static ScanToRecord notGenuine(long brandId, Long claimedBatch, Long claimedIndex, NotGenuineReason reason,
                                          Shopper shopper) {
        Outcome outcome = new Outcome(Verdict.NOT_GENUINE, reason);
        return new ScanToRecord(brandId, claimedBatch, claimedIndex, false, shopper, null, null, reason,
                (history, assessment) -> outcome);
    }

    /** The tracked code; null unless tracksCode. */
    public CodeRef code() {
        return tracksCode ? new CodeRef(batchId, codeIndex) : null;
    }

    /**
     * True for a shopper's scan; false for a link preview or a staff check, which is recorded (marked) but moves no
     * code history, counts no phone and is not judged by detection.
     */
    public boolean counted() {
        return shopper.role().counted();
    }

    /**
     * Who counts as one phone in the code's history: the device id; for a scan without one (an app or a partner's call
     * that sends none), its network, the keyed hash of its address prefix, so that repeated checks from one network are
     * one phone and checks from elsewhere are new ones; null when neither is known, which counts as a new phone each time.
     */
    public String phoneId() {
        if (shopper.deviceId() != null) {
            return shopper.deviceId();
        }
        String network = shopper.ipHash();
        return network == null ? null : NETWORK_PHONE + network.substring(0, Math.min(28, network.length()));
    }

    /** How a phone known only by its network is named in code_device (never the shape of a device id). */
    static final String NETWORK_PHONE = "net:";
    /** How a code's household network is named in code_device. */
    static final String HOUSEHOLD_NETWORK = "home:";

    /** How a device cookie's use of a network outside the code's household is named in code_device. */
    static final String COOKIE_NETWORK = "cn:";
    /** Characters of the device cookie in a cookie-network mark (13 of 26: unique among one code's phones). */
    static final int COOKIE_PART = 13;

    /** The first part of this scan's cookie-network marks ("cn:" and the cookie's first characters); null without cookie. */
    public String cookieNetworkPrefix() {
        String device = shopper.deviceId();
        return device == null ? null : COOKIE_NETWORK + device.substring(0, Math.min(COOKIE_PART, device.length())) + ":";
    }

    /** The mark of this cookie on this scan's network; null without a cookie or a known network (32 characters at most). */
    public String cookieNetworkKey() {
        String prefix = cookieNetworkPrefix();
        String network = shopper.ipHash();
        return prefix == null || network == null || IpHasher.isLocal(network) ? null : prefix + network.substring(0, Math.min(15, network.length()));
    }

    /**
     * The mark of this scan's network as a household's of the code (the keyed hash of its prefix), for a scan with a
     * device cookie and a known network; null otherwise.
     */
    public String householdKey() {
        String network = shopper.ipHash();
        if (shopper.deviceId() == null || network == null || IpHasher.isLocal(network)) {
            // Behind a proxy whose client address header is not configured (or in a test), every shopper has the
            // proxy's address: it would make all of a code's phones one household.
            return null;
        }
        return HOUSEHOLD_NETWORK + network.substring(0, Math.min(27, network.length()));
    }

    /** Where the shopper was, if they shared it. */
    public Place place() {
        return shopper.place();
    }

    /** True when the scan came with a location. */
    public boolean located() {
        return shopper.place() != null;
    }
}
