package io.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway TLS material for a broker and one client, made with the JDK's {@code keytool}: a
 * self-signed key pair each (the broker's valid for {@code localhost} and {@code 127.0.0.1}, so
 * that clients can verify the host name), and one PKCS12 trust store holding both certificates,
 * which broker and client both use. Every store has the same random password.
 */
public final class TestCertificates {
    static final String STORE_TYPE = "PKCS12";
    static final String BROKER_NAME = "CN=localhost";
    static final String BROKER_HOSTS = "SAN=dns:localhost,ip:127.0.0.1";
    static final String CLIENT_NAME = "CN=vigil-test-client";
    static final int VALIDITY_DAYS = 2;
    static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path brokerKeyStore;
    private final Path clientKeyStore;
    private final Path trustStore;
    private final String password;

    private TestCertificates(Path brokerKeyStore, Path clientKeyStore, Path trustStore, String password) {
        this.brokerKeyStore = brokerKeyStore;
        this.clientKeyStore = clientKeyStore;
        this.trustStore = trustStore;
        this.password = password;
    }

    /** Makes the key stores and the trust store in {@code dir}. */
    public static TestCertificates create(Path dir) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = "tls-" + HexFormat.of().formatHex(random);
        Path broker = dir.resolve("broker.p12");
        Path client = dir.resolve("client.p12");
        Path trust = dir.resolve("truststore.p12");
        try {
            // Both key pairs at once: each keytool is a JVM start of a second or more on a busy machine.
            List<Process> keytools = new ArrayList<>();
            keytools.add(genKeyPair(broker, "broker", BROKER_NAME, BROKER_HOSTS, password, dir));
            keytools.add(genKeyPair(client, "client", CLIENT_NAME, null, password, dir));
            for (Process keytool : keytools) {
                await(keytool, dir);
            }
            KeyStore trusted = KeyStore.getInstance(STORE_TYPE);
            trusted.load(null, null);
            trusted.setCertificateEntry("broker", load(broker, password).getCertificate("broker"));
            trusted.setCertificateEntry("client", load(client, password).getCertificate("client"));
            try (OutputStream out = Files.newOutputStream(trust)) {
                trusted.store(out, password.toCharArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the test trust store", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
        return new TestCertificates(broker, client, trust, password);
    }

    public Path brokerKeyStore() {
        return brokerKeyStore;
    }

    public Path clientKeyStore() {
        return clientKeyStore;
    }

    public Path trustStore() {
        return trustStore;
    }

    /** The password of every store and key. */
    public String password() {
        return password;
    }

    private static Process genKeyPair(Path store, String alias, String name, String extension, String password, Path dir) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", name,
                "-validity", Integer.toString(VALIDITY_DAYS), "-keystore", store.toString(), "-storetype", STORE_TYPE,
                "-storepass", password, "-keypass", password));
        if (extension != null) {
            command.addAll(List.of("-ext", extension));
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool-" + alias + ".log").toFile()).start();
    }

    private static void await(Process keytool, Path dir) throws InterruptedException, IOException {
        if (!keytool.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            keytool.destroyForcibly();
            throw new IllegalStateException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
        }
        if (keytool.exitValue() != 0) {
            StringBuilder logs = new StringBuilder();
            try (var files = Files.list(dir)) {
                for (Path log : files.filter(f -> f.getFileName().toString().startsWith("keytool-")).toList()) {
                    logs.append(Files.readString(log, StandardCharsets.UTF_8));
                }
            }
            throw new IllegalStateException("keytool failed (exit " + keytool.exitValue() + "): " + logs);
        }
    }

    private static KeyStore load(Path store, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(STORE_TYPE);
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }
}
