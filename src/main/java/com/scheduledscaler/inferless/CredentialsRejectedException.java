package com.scheduledscaler.inferless;

/** Inferless answered 401: the API key is missing, wrong or revoked. Never retried. */
public final class CredentialsRejectedException extends InferlessException {

    CredentialsRejectedException(String operation) {
        super("Inferless rejected the API key (HTTP 401) on " + operation
                + "; check INFERLESS_API_KEY", 401, false, null, null);
    }
}
