#!/usr/bin/env bash
# The compose file's command for each apache/kafka broker: secures it, then starts it the image's
# own way (/etc/kafka/docker/run: KAFKA_* variables become server.properties, storage is
# formatted, the broker starts).
#
# The admin's SCRAM login must exist before the broker serves: the inter-broker listener logs in
# with it and nobody else could create it. In KRaft a SCRAM credential is cluster metadata, written
# when storage is formatted (kafka-storage format --add-scram), and the image's own format has no
# such option. So this formats first, with the same server.properties the image will render; the
# image's format then finds the storage formatted, which its launch script accepts.
#
# Env: BROKER_ADMIN_PASSWORD (required; not KAFKA_*, which the image would copy into
# server.properties), CLUSTER_ID and the broker's KAFKA_* settings. For tests: BROKER_HOME
# (/opt/kafka), BROKER_RUN (/etc/kafka/docker/run).
set -euo pipefail

home=${BROKER_HOME:-/opt/kafka}
password=${BROKER_ADMIN_PASSWORD:-}
if [ -z "$password" ]; then
  echo "KAFKA_ADMIN_PASSWORD is not set: source credentials.env (README, Security)" >&2
  exit 1
fi
case "$password" in
  *[\"\\,=\[\][:space:]]*)
    echo "KAFKA_ADMIN_PASSWORD must not hold quotes, backslashes, commas, brackets, '=' or spaces" >&2
    exit 1 ;;
esac

# The broker's own logins, as the embedded broker's (EmbeddedKafkaBroker#secured): SCRAM on the
# client and inter-broker listeners, PLAIN with the admin as its only user on the controller's.
scram="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$password\";"
export KAFKA_LISTENER_NAME_INTERNAL_SCRAM___SHA___512_SASL_JAAS_CONFIG="$scram"
export KAFKA_LISTENER_NAME_EXTERNAL_SCRAM___SHA___512_SASL_JAAS_CONFIG="$scram"
export KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$password\" user_admin=\"$password\";"

# The healthcheck's (and an operator's) admin login: kafka-*.sh --command-config this file.
umask 077
cat > "$home/config/admin-client.properties" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$scram
PROPERTIES

# server.properties as the image renders it from the environment (kafka.docker.KafkaDockerWrapper:
# KAFKA_ dropped, lower case, '_' -> '.', '___' -> '-', '__' -> '_'; the JVM options left out).
format_config=$(mktemp)
trap 'rm -f "$format_config"' EXIT
while IFS= read -r line; do
  name=${line%%=*} value=${line#*=}
  case "$name" in
    KAFKA_VERSION|KAFKA_HEAP_OPTS|KAFKA_LOG4J_OPTS|KAFKA_OPTS|KAFKA_JMX_OPTS|KAFKA_JVM_PERFORMANCE_OPTS|KAFKA_GC_LOG_OPTS) continue ;;
    KAFKA_LOG4J_ROOT_LOGLEVEL|KAFKA_LOG4J_LOGGERS|KAFKA_TOOLS_LOG4J_LOGLEVEL|KAFKA_JMX_HOSTNAME) continue ;;
    KAFKA_*) ;;
    *) continue ;;
  esac
  key=${name#KAFKA_}; key=${key,,}; key=${key//_/.}; key=${key//.../-}; key=${key//../_}
  printf '%s=%s\n' "$key" "$value" >> "$format_config"
done < <(env)

# Once: a formatted storage keeps its credentials (a new admin password needs new volumes).
"$home/bin/kafka-storage.sh" format --ignore-formatted --cluster-id "$CLUSTER_ID" -c "$format_config" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=$password]"
rm -f "$format_config"

exec "${BROKER_RUN:-/etc/kafka/docker/run}"
