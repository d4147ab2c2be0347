package io.basis.ingest.runtime;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/** Answers venue test requests; see {@link Heartbeat#replyingTo}. */
record TestRequestHeartbeat(List<String> onOpenMessages, Predicate<String> isTestRequest,
                            Function<String, String> reply) implements Heartbeat {

    TestRequestHeartbeat {
        onOpenMessages = List.copyOf(onOpenMessages);
        Objects.requireNonNull(isTestRequest, "isTestRequest");
        Objects.requireNonNull(reply, "reply");
    }

    @Override
    public List<String> onOpen() {
        return onOpenMessages;
    }

    @Override
    public String replyTo(String frame) {
        return isTestRequest.test(frame) ? reply.apply(frame) : null;
    }

    @Override
    public boolean consumes(String frame) {
        return isTestRequest.test(frame);
    }
}
