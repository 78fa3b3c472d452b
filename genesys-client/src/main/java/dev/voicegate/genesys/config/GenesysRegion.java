package dev.voicegate.genesys.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Genesys Cloud regions (fact sheet §1 table): the SDK enum name (e.g. {@code eu_west_1}) and the
 * region domain (e.g. {@code mypurecloud.ie}) both resolve to the domain; hosts are
 * {@code api.<domain>} and {@code login.<domain>}.
 */
public final class GenesysRegion {

    private static final Map<String, String> DOMAINS = new LinkedHashMap<>();

    static {
        DOMAINS.put("us_east_1", "mypurecloud.com");
        DOMAINS.put("us_east_2", "use2.us-gov-pure.cloud");
        DOMAINS.put("us_west_2", "usw2.pure.cloud");
        DOMAINS.put("ca_central_1", "cac1.pure.cloud");
        DOMAINS.put("sa_east_1", "sae1.pure.cloud");
        DOMAINS.put("mx_central_1", "mxc1.pure.cloud");
        DOMAINS.put("eu_west_1", "mypurecloud.ie");
        DOMAINS.put("eu_west_2", "euw2.pure.cloud");
        DOMAINS.put("eu_central_1", "mypurecloud.de");
        DOMAINS.put("eu_central_2", "euc2.pure.cloud");
        DOMAINS.put("eusc_de_east_1", "edee1.eusc-pure.cloud");
        DOMAINS.put("me_central_1", "mec1.pure.cloud");
        DOMAINS.put("ap_south_1", "aps1.pure.cloud");
        DOMAINS.put("ap_southeast_1", "apse1.pure.cloud");
        DOMAINS.put("ap_southeast_2", "mypurecloud.com.au");
        DOMAINS.put("ap_northeast_1", "mypurecloud.jp");
        DOMAINS.put("ap_northeast_2", "apne2.pure.cloud");
        DOMAINS.put("ap_northeast_3", "apne3.pure.cloud");
    }

    private GenesysRegion() {
    }

    /** The region domain for an SDK enum name or a domain (case-insensitive), if known. */
    public static Optional<String> domainOf(String region) {
        if (region == null) {
            return Optional.empty();
        }
        String r = region.trim().toLowerCase(Locale.ROOT);
        if (DOMAINS.containsKey(r)) {
            return Optional.of(DOMAINS.get(r));
        }
        return DOMAINS.containsValue(r) ? Optional.of(r) : Optional.empty();
    }

    /** Every known SDK region name, for error messages. */
    public static String knownRegions() {
        return String.join("|", DOMAINS.keySet());
    }
}
