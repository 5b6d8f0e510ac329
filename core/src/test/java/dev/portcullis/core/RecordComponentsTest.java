package dev.portcullis.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.portcullis.core.policy.ConditionalAccessPolicy;
import org.junit.jupiter.api.Test;

class RecordComponentsTest {

    @Test
    void namesTheFirstMissingComponent() {
        assertThatNullPointerException()
                .isThrownBy(() -> RecordComponents.requireNonNull("id displayName state", "p1", null, null))
                .withMessage("displayName");
    }

    @Test
    void passesWhenEveryComponentIsThere() {
        assertThatCode(() -> RecordComponents.requireNonNull("id displayName", "p1", "Block legacy"))
                .doesNotThrowAnyException();
    }

    @Test
    void aRecordNamesItsMissingComponent() {
        assertThatNullPointerException()
                .isThrownBy(() -> new ConditionalAccessPolicy("p1", "Block legacy", null, null, null, null))
                .withMessage("state");
    }
}
