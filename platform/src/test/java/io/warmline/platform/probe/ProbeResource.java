package io.warmline.platform.probe;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.RunsToCompletion;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.UUID;

/** A write that takes a while, as a resource of a service makes one: for a caller that hangs up meanwhile. */
@Path("/probe")
@RunsToCompletion
public class ProbeResource {

    private final Mutiny.SessionFactory sessions;

    ProbeResource(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @POST
    @Path("/slow-writes/{lead}/{seq}")
    public Uni<String> slowWrite(@PathParam("lead") UUID lead, @PathParam("seq") int seq) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                                "INSERT INTO probe_applied (event_id, lead_id, seq) VALUES (gen_random_uuid(), :lead, :seq)")
                        .setParameter("lead", lead).setParameter("seq", seq).executeUpdate()
                        .chain(() -> session.createNativeQuery("SELECT 1 FROM pg_sleep(0.4)").getSingleResult()))
                .replaceWith("written");
    }
}
