package io.warmline.notification.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.EscalationPolicy;
import io.warmline.notification.persistence.PolicyDocument;
import io.warmline.notification.service.PolicyBook;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Escalation policies per tier and team ({@code *} = the tier's default). Anyone signed in reads them; operators
 * publish a new version. The answer carries the version that assignments from now on follow.
 */
@Path("/escalation-policies/{tier}/{teamId}")
@Tag(name = "Escalation policies")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class EscalationPolicyResource {

    /** A policy as answered: which one, its version, and the document. */
    public record Versioned(String tier, String teamId, int version, PolicyDocument policy) {
        static Versioned of(EscalationPolicy policy) {
            return new Versioned(policy.tier(), policy.teamId(), policy.version(), PolicyDocument.of(policy));
        }
    }

    private final PolicyBook book;
    private final RepAccess access;

    EscalationPolicyResource(PolicyBook book, RepAccess access) {
        this.book = book;
        this.access = access;
    }

    @GET
    @Operation(summary = "The current version of a policy (404 when the team has none of its own: '*' applies)",
            description = "Operators read any team's; reps and team leads their own team's (the token's team) and "
                    + "the defaults ('*'); another team's answers 404, as a team without a policy does.")
    public Uni<Versioned> current(@RestPath String tier, @RestPath String teamId) {
        Uni<EscalationPolicy> visible = access.seesTeam(teamId) ? book.current(tier, teamId)
                : Uni.createFrom().nullItem();
        return visible.map(policy -> {
            if (policy == null) {
                throw new Problem(404, "no-policy", "Not Found",
                        "no policy for tier '" + tier + "' and team '" + teamId + "'; the tier's '*' policy applies");
            }
            return Versioned.of(policy);
        });
    }

    @PUT
    @RolesAllowed(RepAccess.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish the next version (operators); 422 lists every invalid field")
    public Uni<Versioned> publish(@RestPath String tier, @RestPath String teamId, JsonNode body) {
        if (body == null) {
            throw new Problem(400, "bad-request", "Bad Request", "send the policy as JSON: steps, repeatEvery, deadline");
        }
        PolicyDocumentReader.Read read = PolicyDocumentReader.read(body);
        return book.publish(tier, teamId, read.document(), read.problems(), access.caller()).map(Versioned::of);
    }
}
