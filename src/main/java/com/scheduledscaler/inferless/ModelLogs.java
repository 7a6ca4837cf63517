package com.scheduledscaler.inferless;

import java.util.List;

/**
 * A model's logs over a range, in the order the API gave them.
 *
 * @param pages the number of pages read
 * @param truncated true when more pages were announced but the configured page limit stopped the read
 */
public record ModelLogs(List<LogEntry> entries, int pages, boolean truncated) {

    public ModelLogs {
        entries = List.copyOf(entries);
    }
}
