package com.scheduledscaler.audit;

/** A page cursor that this daemon did not hand out (garbled, truncated or from another version). */
public class InvalidCursorException extends IllegalArgumentException {

    InvalidCursorException(String cursor) {
        super("cursor '" + abbreviate(cursor) + "' is not valid: pass back the nextCursor of the previous page unchanged");
    }

    private static String abbreviate(String cursor) {
        return cursor.length() <= 40 ? cursor : cursor.substring(0, 40) + "...";
    }
}
