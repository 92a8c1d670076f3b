package io.warmline.deploy.kafka;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The topics a stack must have, read from deploy/local/topics.txt, and what is still missing from a broker. */
final class TopicList {

    private TopicList() {
    }

    /** One name per line; '#' starts a comment; blanks ignored; duplicates kept once, in file order. */
    static List<String> parse(List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("not one topic name: '" + name + "'");
            }
            names.add(name);
        }
        return new ArrayList<>(names);
    }

    /**
     * The wanted topics the broker does not yet show ready: absent from its metadata, or with partitions without a
     * leader. {@code leadersByTopic} maps each topic the broker described to how many of its partitions have a
     * leader; {@code partitionsByTopic} to how many partitions it has.
     */
    static List<String> notReady(List<String> wanted, Map<String, Integer> partitionsByTopic,
            Map<String, Integer> leadersByTopic) {
        List<String> missing = new ArrayList<>();
        for (String topic : wanted) {
            Integer partitions = partitionsByTopic.get(topic);
            if (partitions == null || partitions == 0 || !partitions.equals(leadersByTopic.getOrDefault(topic, 0))) {
                missing.add(topic);
            }
        }
        return missing;
    }
}
