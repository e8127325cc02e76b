package io.sladesk.server.notification;

import org.springframework.context.ApplicationContext;

/** Lets tests of other packages run a server's webhook dispatcher now. */
public final class DispatcherProbe {
    private DispatcherProbe() {}

    public static int deliverDue(ApplicationContext server) {
        return server.getBean(io.sladesk.server.platform.Outbox.class).deliverDue("webhook");
    }
}
