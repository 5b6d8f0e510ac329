package dev.portcullis.adapters.keycloak.shipping;

import dev.portcullis.core.signinlog.SignInRecord;
import java.util.function.Supplier;

/** Where a login's sign-in record goes: the control plane's log through the shipper, or nowhere. */
@FunctionalInterface
public interface SignInRecorder {

    /** A node without a control plane keeps no sign-in log. */
    SignInRecorder NONE = record -> {};

    /** Hands the record over; it is built later, off the login thread. Never blocks, never fails a login. */
    void record(Supplier<SignInRecord> record);
}
