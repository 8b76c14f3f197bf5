package io.vigil.broker;

/**
 * No Kafka broker answered at the bootstrap address within the time allowed. This is a failure
 * (exit 1), not bad input: the address may be right and the broker simply down.
 */
public final class BrokerUnreachableException extends RuntimeException {
    public BrokerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
