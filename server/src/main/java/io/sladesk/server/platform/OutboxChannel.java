package io.sladesk.server.platform;

import java.time.Duration;

/**
 * One way out of the desk (email, webhooks, and the channels to come). A channel only
 * sends; {@link Outbox} writes its messages in the transaction of the event they tell of,
 * and its one worker claims, leases, retries with backoff and dead-letters them for every
 * channel alike.
 */
public interface OutboxChannel {
    /** The channel's name in the outbox ({@code mail}, {@code webhook}). */
    String name();

    /** Whether it can send at all (mail without an SMTP server cannot; its messages wait). */
    default boolean enabled() {
        return true;
    }

    /**
     * Whether messages may be sent side by side (webhooks: one slow receiver must not hold
     * back the others) or must go one after another in the order written (mail: a thread's
     * first email before its replies).
     */
    default boolean sendsSideBySide() {
        return true;
    }

    int maxAttempts();

    /** The wait after the first failure; it doubles after each, up to {@link #longestBackoff()}. */
    Duration firstBackoff();

    Duration longestBackoff();

    /** Sends one message; never throws: a failure is a result, retried by the worker. */
    Result send(Outbox.Message message);

    /** What one attempt did: delivered or not, the receiver's status code if it answered, the error. */
    record Result(boolean delivered, Integer statusCode, String error) {
        public static Result ok(Integer statusCode) {
            return new Result(true, statusCode, null);
        }

        public static Result failed(Integer statusCode, String error) {
            return new Result(false, statusCode, error);
        }
    }
}
