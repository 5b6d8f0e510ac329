package dev.portcullis.benchmarks.peers;

import dev.portcullis.benchmarks.peers.PeerScenario.Device;
import dev.portcullis.benchmarks.peers.PeerScenario.Outcome;
import dev.portcullis.benchmarks.peers.PeerScenario.Rule;
import dev.portcullis.benchmarks.peers.PeerScenario.SignIn;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A scenario's policies read literally, with no engine: the answer every engine must give. */
record ReferenceReading(List<Rule> rules, List<String> breakGlass, Map<String, Set<String>> countryLocations,
        List<String> officeRanges) {

    /**
     * The description read literally, as a fourth opinion: any applicable block wins (a
     * compliant-device control on a device that is not known to be compliant cannot be met, so it
     * blocks); otherwise any applicable MFA control not yet met requires MFA; otherwise allow.
     */
    public Outcome expected(SignIn s) {
        boolean block = false;
        boolean mfa = false;
        for (Rule rule : rules) {
            if (!applies(rule, s)) {
                continue;
            }
            switch (rule.grant()) {
                case BLOCK -> block = true;
                case MFA -> mfa |= !s.mfaDone();
                case MFA_AND_COMPLIANT_DEVICE -> {
                    if (s.device() != Device.COMPLIANT) {
                        block = true;
                    } else {
                        mfa |= !s.mfaDone();
                    }
                }
                default -> throw new IllegalStateException(rule.grant().name());
            }
        }
        return block ? Outcome.BLOCK : mfa ? Outcome.REQUIRE_MFA : Outcome.ALLOW;
    }

    private boolean applies(Rule rule, SignIn s) {
        if (breakGlass.contains(s.user().id())) {
            return false;
        }
        boolean user = rule.allUsers()
                || rule.groups().stream().anyMatch(s.allGroups()::contains)
                || rule.roles().stream().anyMatch(s.user().roles()::contains);
        boolean app = rule.allApps() || (rule.adminPortals() && s.adminPortal()) || rule.apps().contains(s.app());
        boolean client = !rule.legacyOnly() || s.clientType().legacy();
        boolean country = rule.countryLocation() == null
                || countryLocations.get(rule.countryLocation()).contains(s.country());
        boolean place = !rule.outsideOffice() || !inOffice(s.ip());
        return user && app && client && country && place;
    }

    private boolean inOffice(String ip) {
        for (String range : officeRanges) {
            if (inRange(ip, range)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(String ip, String cidr) {
        try {
            byte[] address = InetAddress.getByName(ip).getAddress(); // literals only: never a DNS lookup
            int slash = cidr.indexOf('/');
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}
