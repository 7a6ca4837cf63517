package com.scheduledscaler.catalog;

/** A policy created through the admin API: its name and its JSON body. */
public record ApiPolicy(String name, String body) {}
