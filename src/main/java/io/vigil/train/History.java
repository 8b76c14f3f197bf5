package io.vigil.train;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Training history as read from files: the feature names in model order and one
 * {@link SeriesHistory} per series. {@link #fingerprint()} identifies the data a model was trained
 * on, so {@code model.json} can tell two trainings on different data apart.
 */
public record History(List<String> features, List<SeriesHistory> series) {
    public History {
        features = List.copyOf(features);
        series = List.copyOf(series);
    }

    public long rowCount() {
        return series.stream().mapToLong(SeriesHistory::size).sum();
    }

    /**
     * Hex SHA-256 over the feature names and each series' id, timestamps and float values, in
     * order. Strings are length-prefixed so that ("ab","c") and ("a","bc") differ; where rows came
     * from (file, line) is left out, so moving data between files does not change it.
     */
    public String fingerprint() {
        MessageDigest sha = sha256();
        ByteBuffer buf = ByteBuffer.allocate(Long.BYTES);
        putLong(sha, buf, features.size());
        features.forEach(f -> putString(sha, buf, f));
        putLong(sha, buf, series.size());
        for (SeriesHistory s : series) {
            putString(sha, buf, s.id());
            putLong(sha, buf, s.size());
            ByteBuffer row = ByteBuffer.allocate(Long.BYTES + Float.BYTES * features.size());
            for (int i = 0; i < s.size(); i++) {
                row.clear();
                row.putLong(s.timestamps()[i]);
                for (float v : s.values()[i]) {
                    row.putFloat(v);
                }
                sha.update(row.array(), 0, row.position());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void putString(MessageDigest sha, ByteBuffer buf, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putLong(sha, buf, bytes.length);
        sha.update(bytes);
    }

    private static void putLong(MessageDigest sha, ByteBuffer buf, long v) {
        buf.clear();
        buf.putLong(v);
        sha.update(buf.array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
