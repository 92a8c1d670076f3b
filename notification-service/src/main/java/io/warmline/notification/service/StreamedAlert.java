package io.warmline.notification.service;

import io.warmline.notification.domain.Alert;

/** An alert at its place in the rep's stream; the position is the server-sent event id. */
public record StreamedAlert(long position, Alert alert) {
}
