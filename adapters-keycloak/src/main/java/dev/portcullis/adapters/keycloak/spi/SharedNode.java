package dev.portcullis.adapters.keycloak.spi;

import dev.portcullis.adapters.keycloak.shipping.SignInRecorder;
import dev.portcullis.adapters.keycloak.signin.KnownClients;
import dev.portcullis.adapters.keycloak.signin.SignalSources;
import dev.portcullis.adapters.keycloak.snapshot.PolicySource;

/** The node's shared collaborators; every session's {@link PortcullisProvider} is this one object. */
record SharedNode(PolicySource policies, SignalSources signals, KnownClients clients, SignInRecorder signIns)
        implements PortcullisProvider {}
