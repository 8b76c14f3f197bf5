package io.vigil.broker;

import io.vigil.telemetry.InputException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Kafka turning a client away, said in one line that names the settings to check. A rejected
 * password or certificate, or a missing ACL, is a mistake in the configuration (exit 2), not an
 * outage to wait out. Kafka's own messages never contain the secret, so they are passed on.
 */
public final class KafkaAccess {
    private KafkaAccess() {
    }

    /** Throws an {@link InputException} saying so when {@code failure} (or a cause of it) is a refusal; else returns. */
    public static void throwIfRefused(Throwable failure, Object bootstrap) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException) {
                throw new InputException("authentication with Kafka at " + bootstrap + " failed: " + withRootCause(t)
                        + "; check kafka.security.protocol and the kafka.sasl.* or kafka.ssl.* settings", t);
            }
            if (t instanceof AuthorizationException) {
                throw new InputException("Kafka at " + bootstrap + " denied access: " + withRootCause(t)
                        + "; grant this principal the ACLs listed in docs/operations.md (Security)", t);
            }
        }
    }

    /** Kafka's TLS errors are vague ("SSL handshake failed"); the JDK's cause says which certificate was refused. */
    private static String withRootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t || root.getMessage() == null ? t.getMessage() : t.getMessage() + " (" + root.getMessage() + ")";
    }
}
