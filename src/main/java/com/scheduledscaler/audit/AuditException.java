package com.scheduledscaler.audit;

/** The audit or applied-state tables could not be read or written. */
public class AuditException extends RuntimeException {

    AuditException(String message, Throwable cause) {
        super(cause == null ? message : message + ": " + cause.getMessage(), cause);
    }
}
