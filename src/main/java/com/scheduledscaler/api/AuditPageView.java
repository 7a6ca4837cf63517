package com.scheduledscaler.api;

import com.scheduledscaler.audit.AuditQuery.AuditRow;
import java.util.List;

/** A page of audit rows and the cursor of the next page (null on the last). */
public record AuditPageView(List<AuditRow> rows, String nextCursor) {}
