package io.vigil.stream;

import io.vigil.broker.KafkaAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the detector's input and output topics when they are missing (Kafka Streams creates its own
 * changelog topics). Existing topics are left as they are.
 */
public final class TopicCreator {
    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {
    }

    /** Returns the topics it created. */
    public static List<String> ensure(Map<String, Object> clientProps, Collection<String> topics, int partitions, short replication,
                                      Duration timeout) {
        try (Admin admin = Admin.create(clientProps)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, partitions, replication));
                }
            }
            List<String> created = new ArrayList<>();
            for (var e : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(e.getKey());
                    LOG.info("created topic {} ({} partitions, replication {})", e.getKey(), partitions, replication);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex;
                    }
                }
            }
            return created;
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + clientProps.get("bootstrap.servers") + " did not answer within "
                    + timeout.toSeconds() + " s; is the broker running, is kafka.bootstrap.servers right, and does"
                    + " kafka.security.protocol match the broker's listener?", e);
        } catch (ExecutionException e) {
            KafkaAccess.throwIfRefused(e.getCause(), clientProps.get("bootstrap.servers"));
            throw new IllegalStateException("could not create topics " + topics + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
