package com.scheduledscaler.api;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** The users of the test profile (application.properties): an auditor, an operator and the admin. */
final class ApiUsers {

    private ApiUsers() {}

    static RequestSpecification auditor() {
        return given().auth().preemptive().basic("audrey", "test-user-password");
    }

    static RequestSpecification operator() {
        return given().auth().preemptive().basic("oscar", "test-user-password");
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("ada", "test-admin-password");
    }

    static RequestSpecification anonymous() {
        return given();
    }
}
