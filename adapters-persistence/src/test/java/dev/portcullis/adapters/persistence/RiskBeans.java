package dev.portcullis.adapters.persistence;

import dev.portcullis.core.risk.UserRiskAssessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** What the app's wiring provides and the stored encoding needs (a user's risk is written with its assessment). */
public class RiskBeans {

    @Produces
    @Singleton
    UserRiskAssessor assessor() {
        return UserRiskAssessor.defaults();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
