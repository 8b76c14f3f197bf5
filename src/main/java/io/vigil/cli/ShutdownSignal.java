package io.vigil.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM for a long-running command: the JVM's shutdown hook runs {@code onSignal},
 * then waits (up to {@link #GRACE}) for the command to finish closing what it owns, so a broker
 * or consumer is shut down cleanly rather than cut off mid-write.
 */
final class ShutdownSignal implements AutoCloseable {
    /** How long the JVM waits at exit for the command to close its resources. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private final CountDownLatch signalled = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private ShutdownSignal(Runnable onSignal) {
        this.hook = new Thread(() -> {
            signalled.countDown();
            onSignal.run();
            try {
                finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vigil-shutdown");
    }

    static ShutdownSignal install(Runnable onSignal) {
        ShutdownSignal s = new ShutdownSignal(onSignal);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** Blocks until Ctrl-C or SIGTERM. */
    void await() throws InterruptedException {
        signalled.await();
    }

    /** The command has closed its resources: lets a pending exit go on, or removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and now sees finished
        }
    }
}
