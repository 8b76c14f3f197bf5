package io.vigil.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code NAME[:PARTITIONS]} topic specs, as {@code vigil broker --topic} takes them. */
final class TopicList {
    /** Vigil's topics under their default names (DESIGN.md, Contracts), so a fresh broker is ready for the demo. */
    static final String VIGIL_DEFAULTS = "telemetry:3,telemetry-dlq:1,anomaly-scores:3,anomaly-alerts:1";

    private TopicList() {
    }

    /** Topic name → partitions, in the order given. */
    static Map<String, Integer> parse(List<String> specs) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String spec : specs.stream().flatMap(s -> Arrays.stream(s.split(","))).map(String::trim).toList()) {
            if (spec.isEmpty()) {
                continue;
            }
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            int partitions = 1;
            if (colon >= 0) {
                try {
                    partitions = Integer.parseInt(spec.substring(colon + 1));
                } catch (NumberFormatException e) {
                    partitions = 0;
                }
            }
            if (name.isEmpty() || partitions < 1) {
                throw new IllegalArgumentException("--topic \"" + spec + "\": expected NAME or NAME:PARTITIONS with PARTITIONS >= 1, e.g. telemetry:3");
            }
            topics.put(name, partitions);
        }
        return topics;
    }
}
