# One image for every service of the repository; the compose file picks the module to run.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q install -DskipTests

FROM eclipse-temurin:21-jre
# Thin jars: each module's target/classpath.txt points into this repository copy.
COPY --from=build /root/.m2/repository /root/.m2/repository
COPY --from=build /src /app
WORKDIR /app
ENTRYPOINT ["bin/run-service"]
