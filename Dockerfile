# syntax=docker/dockerfile:1
# The daemon as a Quarkus fast-jar on a JRE 17, built from a clean clone (no local JDK or Maven needed):
#   docker build -t scheduled-scaler .
# Run it with PostgreSQL: deploy/docker-compose.yml; on Kubernetes: deploy/kubernetes/ (deploy/README.md).

# --- Build: the Maven wrapper packages target/quarkus-app/ (the tests run in CI, not here) -------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
# The cache mount keeps Maven and the dependencies between builds (BuildKit, the default builder).
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package -DskipTests

# --- Run: the four parts of the fast-jar, as in the standard Quarkus image, under a non-root user --
FROM eclipse-temurin:17-jre
# curl is only for health checks (docker compose); the JRE image does not ship it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 185 --no-create-home --home-dir /deployments scaler
WORKDIR /deployments
COPY --from=build --chown=185 /build/target/quarkus-app/lib/ lib/
COPY --from=build --chown=185 /build/target/quarkus-app/*.jar ./
COPY --from=build --chown=185 /build/target/quarkus-app/app/ app/
COPY --from=build --chown=185 /build/target/quarkus-app/quarkus/ quarkus/
# The example policies; mount your own folder (or a ConfigMap) over it.
COPY --chown=185 policies/ policies/
ENV SCALER_POLICIES_DIR=/deployments/policies
USER 185
EXPOSE 8080
# Further JVM options: JAVA_TOOL_OPTIONS. Configuration: environment variables (README.md).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]
