package io.warmline.platform.messaging;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChannelMetersTest {

    @Test
    void theIncomingChannelsAreThoseWithAConnector() {
        assertEquals(Set.of("lead-received", "lead-assigned"), ChannelMeters.incomingChannels(List.of(
                "mp.messaging.incoming.lead-received.connector",
                "mp.messaging.incoming.lead-received.topic",
                "mp.messaging.incoming.lead-assigned.connector",
                "mp.messaging.outgoing.outbox.connector",
                "mp.messaging.incoming.lead-assigned.dead-letter-queue.topic",
                "kafka.bootstrap.servers")));
    }
}
