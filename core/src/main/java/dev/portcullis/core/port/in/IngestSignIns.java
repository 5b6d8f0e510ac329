package dev.portcullis.core.port.in;

import dev.portcullis.core.signinlog.SignInRecord;
import java.util.List;

/**
 * What the nodes decided, shipped in batches: kept in the sign-in log, an alert raised for every
 * blocked high-risk sign-in, and what each says about its user's risk learnt.
 */
public interface IngestSignIns {

    /** @param alertsRaised the alerts this batch raised (a batch sent again raises none) */
    record Ingested(int alertsRaised) {}

    Ingested ingest(List<SignInRecord> records);
}
