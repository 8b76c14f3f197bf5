package io.vigil.config;

/**
 * One effective value and where it came from: {@code default}, {@code from vigil.properties} or
 * {@code from env VIGIL_BATCH_MAX}. Error messages and {@link VigilConfig#describe()} print the origin
 * so a user can find the line or variable to change.
 */
record Setting(String value, String origin) {
    static final String DEFAULT = "default";

    static Setting ofDefault(String value) {
        return new Setting(value, DEFAULT);
    }

    static Setting fromFile(String value, String fileName) {
        return new Setting(value, "from " + fileName);
    }

    static Setting fromEnv(String value, String variable) {
        return new Setting(value, "from env " + variable);
    }
}
