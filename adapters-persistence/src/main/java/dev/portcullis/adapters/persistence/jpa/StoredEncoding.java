package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.graphjson.DocumentCodecs;
import dev.portcullis.graphjson.GraphJsonCodecs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Persistence owns its encoding: the documents are kept as their Graph JSON, made by graph-json's codecs. */
@ApplicationScoped
public class StoredEncoding {

    /** @param clock what "now" is when a user's risk is written with its current assessment */
    @Produces
    @Singleton
    DocumentCodecs codecs(UserRiskAssessor assessor, Clock clock) {
        return GraphJsonCodecs.all(assessor, clock);
    }

    /** Every kind's typed store, on the one table. */
    @Produces
    @Singleton
    DocumentStores documentStores(JpaDocumentStore store) {
        return store.stores();
    }
}
