package dev.touchmark.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The client addresses of the scenario, as a trusted proxy forwards them. The server keeps only a hash of the /24, so
 * what matters is which scans share a prefix: a household's home line (a /24 of its own, with neighbours of the same
 * provider in it), the few carrier-grade NAT prefixes of a country's mobile networks that many unrelated phones share,
 * and a server's data-centre prefix. A phone at home is on the home line most of the time and on its mobile network
 * otherwise; abroad it is on a mobile network of that country.
 */
final class Networks {
    /** Share of a phone's scans at home made over the home line rather than the mobile network. */
    static final double HOME_LINE_SHARE = 0.6;
    /** Carrier-grade NAT prefixes per country: few enough that strangers' phones share them. */
    static final int MOBILE_PREFIXES = 6;
    private final Random random;
    private final Map<String, String> homes = new LinkedHashMap<>();
    private final Map<String, String> hosts = new LinkedHashMap<>();
    private final Map<String, List<String>> mobiles = new LinkedHashMap<>();

    Networks(Random random) {
        this.random = random;
    }

    /** A /24 no one else has chosen yet ("a.b.c"), outside private and reserved ranges. */
    String freshPrefix() {
        while (true) {
            int a = 11 + random.nextInt(212);
            if (a == 100 || a == 127 || a == 169 || a == 172 || a == 192 || a == 198) {
                continue;
            }
            String prefix = a + "." + random.nextInt(256) + "." + random.nextInt(256);
            if (!homes.containsValue(prefix) && mobiles.values().stream().noneMatch(l -> l.contains(prefix))) {
                return prefix;
            }
        }
    }

    /** The home line of a household (a key of the caller's choosing), the same on every call. */
    String home(String household) {
        return homes.computeIfAbsent(household, h -> freshPrefix());
    }

    /** One of the country's mobile prefixes, chosen anew on every call. */
    String mobile(String country) {
        List<String> prefixes = mobiles.computeIfAbsent(country, c -> {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < MOBILE_PREFIXES; i++) {
                list.add(freshPrefix());
            }
            return list;
        });
        return prefixes.get(random.nextInt(prefixes.size()));
    }

    /** An address in a prefix: the same host for a device on its home line, any host on a shared network. */
    String address(String prefix, String device) {
        if (device != null && homes.containsValue(prefix)) {
            return prefix + "." + hosts.computeIfAbsent(prefix + "/" + device, d -> Integer.toString(2 + random.nextInt(250)));
        }
        return prefix + "." + (2 + random.nextInt(250));
    }

    /**
     * The address of a phone's scan: abroad (another country than the household's) on a mobile network there; at home
     * on the home line or the mobile network.
     */
    String phone(String household, String homeCountry, String device, String country) {
        if (!country.equals(homeCountry) || random.nextDouble() >= HOME_LINE_SHARE) {
            return address(mobile(country), device);
        }
        return address(home(household), device);
    }
}
