package io.vigil.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server properties of a single-node KRaft broker that is also its own controller. Every
 * replication factor and min ISR is 1 (there is no second node), internal topics are small, the
 * first consumer group does not wait for others to join, and topics are only made on purpose.
 */
final class BrokerSettings {
    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Enough partitions for a laptop's consumer groups and transactional ids; the default 50 slows startup. */
    static final int INTERNAL_TOPIC_PARTITIONS = 5;
    /** The log cleaner's dedupe buffer; its 128 MB default is sized for production brokers. */
    static final long CLEANER_DEDUPE_BUFFER_BYTES = 2L * 1024 * 1024;

    private BrokerSettings() {
    }

    static Map<String, String> of(String host, int port, int controllerPort, Path logDir, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", BROKER_LISTENER + "://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + port);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());

        String one = "1";
        String internal = Integer.toString(INTERNAL_TOPIC_PARTITIONS);
        p.put("default.replication.factor", one);
        p.put("min.insync.replicas", one);
        p.put("num.partitions", one);
        p.put("offsets.topic.replication.factor", one);
        p.put("offsets.topic.num.partitions", internal);
        p.put("transaction.state.log.replication.factor", one);
        p.put("transaction.state.log.min.isr", one);
        p.put("transaction.state.log.num.partitions", internal);
        p.put("share.coordinator.state.topic.replication.factor", one);
        p.put("share.coordinator.state.topic.min.isr", one);
        p.put("share.coordinator.state.topic.num.partitions", internal);
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.dedupe.buffer.size", Long.toString(CLEANER_DEDUPE_BUFFER_BYTES));
        p.putAll(overrides);
        return p;
    }
}
