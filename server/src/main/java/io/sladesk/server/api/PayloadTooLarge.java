package io.sladesk.server.api;

import java.io.IOException;

/** Raised while reading a body that grows past the request limit (chunked uploads). */
final class PayloadTooLarge extends IOException {
    PayloadTooLarge(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes.");
    }
}
