package com.scheduledscaler.api;

import java.util.List;

/** The answer of a successful validation: the policy is valid, with these warnings. */
public record ValidationReport(String name, List<String> warnings) {}
