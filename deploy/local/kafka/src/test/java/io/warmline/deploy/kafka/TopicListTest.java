package io.warmline.deploy.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TopicListTest {

    @Test
    void parsesNamesSkippingCommentsBlanksAndDuplicates() {
        assertEquals(List.of("a.one", "b.two", "c"), TopicList.parse(List.of(
                "# header", "a.one", "", "   b.two   # producer: x", "a.one", "\tc\t", "#c.commented")));
    }

    @Test
    void refusesALineWithTwoNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopicList.parse(List.of("a b")));
        assertEquals("not one topic name: 'a b'", e.getMessage());
    }

    @Test
    void theProjectsTopicFileParses() throws IOException {
        List<String> topics = TopicList.parse(Files.readAllLines(Path.of("..", "topics.txt")));
        assertEquals(true, topics.contains("warmline.lead-received"), topics::toString);
        assertEquals(true, topics.stream().allMatch(t -> t.startsWith("warmline.")), topics::toString);
    }

    @Test
    void aTopicIsReadyOnlyWhenDescribedWithEveryPartitionLed() {
        List<String> wanted = List.of("absent", "unled", "half", "empty", "ready");
        Map<String, Integer> partitions = Map.of("unled", 6, "half", 6, "empty", 0, "ready", 6);
        Map<String, Integer> leaders = Map.of("half", 3, "empty", 0, "ready", 6);
        assertEquals(List.of("absent", "unled", "half", "empty"), TopicList.notReady(wanted, partitions, leaders));
    }

    @Test
    void nothingMissingWhenAllAreReady() {
        assertEquals(List.of(), TopicList.notReady(List.of("a"), Map.of("a", 1), Map.of("a", 1)));
    }
}
