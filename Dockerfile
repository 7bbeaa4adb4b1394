# One image for every service of the repository; the compose file picks the module to run.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
# A repository outside /root, which the runtime's non-root user could not read.
RUN mvn -B -ntp -q install -DskipTests -Dmaven.repo.local=/opt/m2

FROM eclipse-temurin:21-jre
# Services run as an unprivileged user of their own; the state directory (each Streams service's
# named volume, which Docker fills with this directory's owner on first use) is theirs to write.
RUN groupadd --system --gid 10001 musiccorp \
 && useradd --system --uid 10001 --gid musiccorp --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin musiccorp \
 && mkdir -p /var/lib/musiccorp/state && chown -R musiccorp:musiccorp /var/lib/musiccorp
# Thin jars: each module's target/classpath.txt points into this repository copy (root-owned, read-only to the services).
COPY --from=build /opt/m2 /opt/m2
COPY --from=build /src /app
WORKDIR /app
USER 10001:10001
ENTRYPOINT ["bin/run-service"]
