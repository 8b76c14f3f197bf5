package io.vigil.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * How the test broker's client listener is secured, as a real broker would be configured (no JAAS
 * file, no system property): the broker's settings, and the settings of a client it lets in. The
 * broker also talks to itself over this listener (transaction markers), with the same credentials
 * kind. The controller listener stays plaintext: clients never see it.
 */
public final class ListenerSecurity {
    /** The client listener's name in Kafka's test kit. */
    static final String LISTENER = "EXTERNAL";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private final SecurityProtocol protocol;
    private final Map<String, String> broker;
    private final Map<String, String> client;

    private ListenerSecurity(SecurityProtocol protocol, Map<String, String> broker, Map<String, String> client) {
        this.protocol = protocol;
        this.broker = Map.copyOf(broker);
        this.client = Map.copyOf(client);
    }

    public static ListenerSecurity plaintext() {
        return new ListenerSecurity(SecurityProtocol.PLAINTEXT, Map.of(), Map.of());
    }

    /** SASL_PLAINTEXT with the PLAIN mechanism, knowing one user besides the broker's own. */
    public static ListenerSecurity saslPlain(String user, String password) {
        String brokerPassword = UUID.randomUUID().toString();
        Map<String, String> broker = new LinkedHashMap<>();
        broker.put("sasl.enabled.mechanisms", "PLAIN");
        broker.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        broker.put("listener.name." + LISTENER.toLowerCase() + ".plain.sasl.jaas.config", PLAIN_LOGIN_MODULE + " required"
                + " username=\"broker\" password=\"" + brokerPassword + "\""
                + " user_broker=\"" + brokerPassword + "\" user_" + user + "=\"" + password + "\";");
        return new ListenerSecurity(SecurityProtocol.SASL_PLAINTEXT, broker, saslPlainClient(user, password));
    }

    /** What a SASL/PLAIN client sets, with any user name and password (right or wrong). */
    public static Map<String, String> saslPlainClient(String user, String password) {
        return Map.of("security.protocol", SecurityProtocol.SASL_PLAINTEXT.name, "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", PLAIN_LOGIN_MODULE + " required username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** TLS both ways: clients verify the broker's certificate and host name, the broker requires theirs. */
    public static ListenerSecurity mutualTls(TestCertificates certs) {
        Map<String, String> broker = new LinkedHashMap<>(tlsStores(certs, certs.brokerKeyStore().toString()));
        broker.put("ssl.client.auth", "required");
        Map<String, String> client = new LinkedHashMap<>(tlsStores(certs, certs.clientKeyStore().toString()));
        client.put("security.protocol", SecurityProtocol.SSL.name);
        return new ListenerSecurity(SecurityProtocol.SSL, broker, client);
    }

    private static Map<String, String> tlsStores(TestCertificates certs, String keyStore) {
        return Map.of("ssl.keystore.type", TestCertificates.STORE_TYPE, "ssl.keystore.location", keyStore,
                "ssl.keystore.password", certs.password(), "ssl.key.password", certs.password(),
                "ssl.truststore.type", TestCertificates.STORE_TYPE, "ssl.truststore.location", certs.trustStore().toString(),
                "ssl.truststore.password", certs.password());
    }

    /** The broker settings: the listener's protocol, and what it needs. */
    Map<String, String> brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>(broker);
        p.put("listener.security.protocol.map", LISTENER + ":" + protocol.name + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
        return p;
    }

    /** What a client sets, besides the bootstrap servers, to be let in. */
    public Map<String, String> clientProperties() {
        return client;
    }
}
