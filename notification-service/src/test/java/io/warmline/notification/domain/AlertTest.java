package io.warmline.notification.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AlertTest {

    @Test
    void anE164NumberDialsAsItIs() {
        assertEquals("tel:+447700900123", Alert.telLink("+447700900123"));
    }

    @Test
    void spacesAndPunctuationAreDroppedFromTheLink() {
        assertEquals("tel:+447700900123", Alert.telLink(" +44 (7700) 900-123 "));
    }

    @Test
    void noPhoneMeansNoLink() {
        assertNull(Alert.telLink(null));
        assertNull(Alert.telLink("  "));
        assertNull(Alert.telLink("n/a"));
    }
}
