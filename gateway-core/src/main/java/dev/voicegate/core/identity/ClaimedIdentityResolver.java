package dev.voicegate.core.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Derives the biokeys a caller claims (issue #5 §1): configured Genesys participant attributes (e.g.
 * an IVR-set customer id) first, then the caller's ANI normalised to E.164 with libphonenumber.
 * Stateless and thread-safe.
 */
public final class ClaimedIdentityResolver {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final List<String> attributeNames;
    private final String defaultRegion;
    private final boolean useAni;

    /**
     * @param attributeNames participant attributes that carry a customer id, in priority order
     * @param defaultRegion  ISO 3166 region for numbers without a country code (e.g. {@code IE})
     * @param useAni         whether the caller's number is a claimed identity
     */
    public ClaimedIdentityResolver(List<String> attributeNames, String defaultRegion, boolean useAni) {
        this.attributeNames = List.copyOf(attributeNames);
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(this.defaultRegion)) {
            throw new IllegalArgumentException("defaultRegion: " + defaultRegion + " (expected: an ISO 3166 region code such as IE, US, GB)");
        }
        this.useAni = useAni;
    }

    /** Biokeys in priority order (attribute ids first, then the phone number); empty when nothing is claimed. */
    public List<Biokey> resolve(String ani, Map<String, String> attributes) {
        List<Biokey> keys = new ArrayList<>();
        for (String name : attributeNames) {
            String v = attributes.get(name);
            if (v != null && !v.isBlank()) {
                keys.add(new Biokey(Biokey.Kind.CUSTOMER, v));
            }
        }
        if (useAni) {
            e164(ani).ifPresent(n -> keys.add(new Biokey(Biokey.Kind.PHONE, n)));
        }
        return List.copyOf(keys);
    }

    /**
     * The E.164 form of a number as Genesys writes it ({@code tel:+35315550123}, {@code sip:+1555…@host},
     * national formats); empty for anonymous, withheld or unparsable numbers.
     */
    public Optional<String> e164(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.regionMatches(true, 0, "tel:", 0, 4)) {
            s = s.substring(4);
        } else if (s.regionMatches(true, 0, "sip:", 0, 4)) {
            s = s.substring(4);
            int at = s.indexOf('@');
            if (at >= 0) {
                s = s.substring(0, at);
            }
        }
        int semi = s.indexOf(';');
        if (semi >= 0) {
            s = s.substring(0, semi);
        }
        if (s.isBlank() || !s.matches(".*\\d.*")) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(s, defaultRegion);
            if (!PHONES.isPossibleNumber(n)) {
                return Optional.empty();
            }
            return Optional.of(PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
