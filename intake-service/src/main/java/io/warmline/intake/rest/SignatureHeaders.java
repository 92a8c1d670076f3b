package io.warmline.intake.rest;

import jakarta.ws.rs.HeaderParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The three headers of a signed vendor request, shared by every endpoint a vendor calls. */
public class SignatureHeaders {

    @HeaderParam("webhook-id")
    @Parameter(required = true, example = "msg_2Nd8sQ1bR4", description = "A unique id for this delivery, 1-128 "
            + "visible ASCII characters. Reuse it when you retry the same delivery: a lead posted again under an id "
            + "already accepted is answered as a duplicate and creates nothing.")
    public String id;

    @HeaderParam("webhook-timestamp")
    @Parameter(required = true, example = "1795442400", description = "When you signed, in unix seconds. More than "
            + "5 minutes away from our clock, either way, is refused.")
    public String timestamp;

    @HeaderParam("webhook-signature")
    @Parameter(required = true, example = "v1,xsfYXYaOQSmMhajn1T3s4kAOHtGIHrzHeLh6KqsgGdA=", description = "`v1,` "
            + "then the base64 of HMAC-SHA256 over `webhook-id` + `.` + `webhook-timestamp` + `.` + the raw body, "
            + "keyed with the base64-decoded part of your secret after `whsec_`. Several signatures may be sent, "
            + "separated by spaces (while you switch to a rotated secret); one valid signature is enough.")
    public String signature;

    /** The delivery's id as signed and recorded: surrounding spaces are not part of it. */
    String messageId() {
        return id == null ? null : id.strip();
    }
}
