package io.warmline.notification.channel;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.Notice;
import jakarta.enterprise.context.ApplicationScoped;

/** Email through SMTP (Quarkus Mailer, {@code quarkus.mailer.*}): team leads, operators and the final-email task. */
@ApplicationScoped
public class EmailChannel implements Channel {

    private final ReactiveMailer mailer;

    EmailChannel(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public String name() {
        return EMAIL;
    }

    @Override
    public Uni<Void> send(String address, Notice notice) {
        if (address == null || !address.contains("@")) {
            return Uni.createFrom().failure(new ChannelFailure("no email address", true));
        }
        return mailer.send(Mail.withText(address, notice.headline(), notice.text()))
                .onFailure().transform(failure -> new ChannelFailure("SMTP: " + failure.getMessage(), false));
    }
}
