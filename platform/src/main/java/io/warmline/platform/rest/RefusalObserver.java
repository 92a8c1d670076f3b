package io.warmline.platform.rest;

/**
 * Told of every refusal the service answers with problem details, after the answer is made; a service that counts
 * refusals (the webhook's, by vendor and reason) implements it as a bean.
 */
public interface RefusalObserver {

    void refused(String path, String slug);
}
