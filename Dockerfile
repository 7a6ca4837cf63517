# The daemon as a fast-jar on a JRE. Build the jar first: ./mvnw package
FROM eclipse-temurin:17-jre
WORKDIR /deployments
RUN useradd --system --uid 185 scaler
COPY --chown=185 target/quarkus-app/lib/ lib/
COPY --chown=185 target/quarkus-app/*.jar ./
COPY --chown=185 target/quarkus-app/app/ app/
COPY --chown=185 target/quarkus-app/quarkus/ quarkus/
COPY --chown=185 policies/ policies/
USER 185
ENV SCALER_POLICIES_DIR=/deployments/policies
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
