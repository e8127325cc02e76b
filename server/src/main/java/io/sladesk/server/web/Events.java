package io.sladesk.server.web;

import io.sladesk.server.ticket.Ticket;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The server-sent event streams pages listen to: one per open ticket page, one per queue page. */
@RestController
class Events {
    private final LiveUpdates live;
    private final Pages pages;

    Events(LiveUpdates live, Pages pages) {
        this.live = live;
        this.pages = pages;
    }

    @GetMapping(path = "/events/tickets/{number}", produces = "text/event-stream")
    SseEmitter ticket(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, @PathVariable long number) {
        Ticket t = pages.ticket(viewer, number);
        return live.open(viewer, t.id());
    }

    @GetMapping(path = "/events/queue", produces = "text/event-stream")
    SseEmitter queue(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer) {
        return live.open(viewer, null);
    }
}
