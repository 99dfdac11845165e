{{/* ---- Kafka: Strimzi API version, what each service does on Kafka, its client security settings ---------- */}}

{{/*
The Strimzi API version of KafkaTopic and KafkaUser: strimzi.apiVersion when set, else kafka.strimzi.io/v1 (Strimzi
0.49+; Strimzi 1.0 serves nothing else), and kafka.strimzi.io/v1beta2 only for a cluster that serves v1beta2 but not
v1. An offline render knows no cluster, so it gets v1. `has` rather than APIVersions.Has, so that the tests can pass
a plain list as the capabilities. Arg: root (or a dict with Values and Capabilities.APIVersions).
*/}}
{{- define "sir-platform.strimziApiVersion" -}}
{{- $apis := .Capabilities.APIVersions -}}
{{- if .Values.strimzi.apiVersion -}}
{{- .Values.strimzi.apiVersion -}}
{{- else if and (not (has "kafka.strimzi.io/v1" $apis)) (has "kafka.strimzi.io/v1beta2" $apis) -}}
kafka.strimzi.io/v1beta2
{{- else -}}
kafka.strimzi.io/v1
{{- end -}}
{{- end -}}

{{/*
What each service does on Kafka, as YAML: service → {write, read, groups, groupPrefixes}. The KafkaUsers' ACLs are
made from it, and KafkaAccessTest compares it with the channels the services declare (application.properties and
the libraries' microprofile-config.properties) and the topics their outboxes publish to, so the two cannot drift.
- write: the outbox's topics, and the dead-letter queues of the topics it consumes (SmallRye's dead-letter-queue
  failure strategy and libs/service-kernel DeadLetterQueue both write <topic>.dlq).
- read / groups: its incoming channels' topics and group.ids.
- groupPrefixes: the per-replica groups (group.id ending in ${quarkus.uuid}): every replica of every service reads
  the credentials topic in "<service>-credentials-<uuid>", actions-service's wake-ups in
  "actions-service-wakeups-<uuid>". Each start makes a new group: deploy/helm/README.md says how to clean them.
- rewards-service re-drives any dead-letter queue (POST /v1/admin/dlq/<topic>/redrive): it reads every DLQ in the
  group sir-dlq-redrive and writes every topic back.
*/}}
{{- define "sir-platform.kafkaAccess" -}}
keys-service:
  write: [sir.credentials.v1, sir.partners.v1, sir.reward-lifecycle.v1, sir.credentials.v1.dlq]
  read: [sir.credentials.v1]
  groups: []
  groupPrefixes: [keys-service-credentials-]
actions-service:
  write: [sir.actions.v1, sir.credentials.v1.dlq, sir.reward-lifecycle.v1.dlq]
  read: [sir.credentials.v1, sir.reward-lifecycle.v1]
  groups: [actions-service]
  groupPrefixes: [actions-service-credentials-, actions-service-wakeups-]
rewards-service:
  write: [sir.reward-lifecycle.v1, sir.actions.v1, sir.credentials.v1, sir.partners.v1, sir.actions.v1.dlq, sir.credentials.v1.dlq, sir.partners.v1.dlq]
  read: [sir.actions.v1, sir.credentials.v1, sir.partners.v1, sir.actions.v1.dlq, sir.credentials.v1.dlq, sir.reward-lifecycle.v1.dlq, sir.partners.v1.dlq]
  groups: [rewards-service, rewards-service-pools, rewards-service-partners, sir-dlq-redrive]
  groupPrefixes: [rewards-service-credentials-]
webhook-dispatcher:
  write: [sir.credentials.v1.dlq, sir.reward-lifecycle.v1.dlq, sir.partners.v1.dlq]
  read: [sir.credentials.v1, sir.reward-lifecycle.v1, sir.partners.v1]
  groups: [webhook-dispatcher, webhook-dispatcher-partners]
  groupPrefixes: [webhook-dispatcher-credentials-]
donations-service:
  write: [sir.actions.v1, sir.reward-lifecycle.v1, sir.credentials.v1.dlq, sir.reward-lifecycle.v1.dlq]
  read: [sir.credentials.v1, sir.reward-lifecycle.v1]
  groups: [donations-service]
  groupPrefixes: [donations-service-credentials-]
{{- end -}}

{{/* A service's KafkaUser name, "<fullname>-<service>" (also its default SASL username). Arg: dict root name. */}}
{{- define "sir-platform.kafkaUserName" -}}
{{- include "sir-platform.serviceFullname" . -}}
{{- end -}}

{{/* Where the truststore is mounted in every pod. */}}
{{- define "sir-platform.kafkaTruststoreDir" -}}/etc/sir/kafka-truststore{{- end -}}

{{/*
The non-secret Kafka client settings of a service (ConfigMap data): the service-kernel's default-kafka-broker
configuration takes every KAFKA_* variable as a kafka.* property, for every channel and for the plain clients of
DeadLetterQueue. Arg: root.
*/}}
{{- define "sir-platform.kafkaClientConfig" -}}
{{- $k := .Values.kafka -}}
{{- $tls := $k.tls | default dict -}}
{{- $sasl := $k.sasl | default dict -}}
{{- $data := dict -}}
{{- if or $tls.enabled $sasl.enabled -}}
{{- $protocol := "SASL_SSL" -}}
{{- if not $tls.enabled -}}{{- $protocol = "SASL_PLAINTEXT" -}}{{- else if not $sasl.enabled -}}{{- $protocol = "SSL" -}}{{- end -}}
{{- $_ := set $data "KAFKA_SECURITY_PROTOCOL" $protocol -}}
{{- end -}}
{{- if $tls.enabled -}}
{{- $ts := $tls.truststore | default dict -}}
{{- if eq (not $ts.secretName) (not $ts.configMapName) -}}
{{- fail "kafka.tls.truststore: set exactly one of secretName and configMapName (the CA certificate(s) of the brokers)" -}}
{{- end -}}
{{- if and (ne $ts.type "PEM") (not $ts.passwordKey) -}}
{{- fail (printf "kafka.tls.truststore: a %s truststore needs passwordKey (the key of its password in secretName)" $ts.type) -}}
{{- end -}}
{{- if and $ts.passwordKey (not $ts.secretName) -}}
{{- fail "kafka.tls.truststore.passwordKey is read from secretName: a ConfigMap truststore must be PEM (no password)" -}}
{{- end -}}
{{- $_ := set $data "KAFKA_SSL_TRUSTSTORE_TYPE" $ts.type -}}
{{- $_ := set $data "KAFKA_SSL_TRUSTSTORE_LOCATION" (printf "%s/%s" (include "sir-platform.kafkaTruststoreDir" .) $ts.key) -}}
{{- end -}}
{{- if $sasl.enabled -}}
{{- $_ := set $data "KAFKA_SASL_MECHANISM" $sasl.mechanism -}}
{{- end -}}
{{- toYaml $data -}}
{{- end -}}

{{/*
A service's secret Kafka client settings (container env entries): the SASL password from its Secret, and
sasl.jaas.config composed from the username and that password by Kubernetes' $(VAR) expansion, so the password
never sits in a ConfigMap or in the manifest. Arg: dict root name.
*/}}
{{- define "sir-platform.kafkaClientEnv" -}}
{{- $root := .root -}}
{{- $k := $root.Values.kafka -}}
{{- $own := (index $root.Values.services .name | default dict).kafka | default dict -}}
{{- $out := list -}}
{{- if ($k.sasl | default dict).enabled -}}
{{- $user := $own.username | default (include "sir-platform.kafkaUserName" .) -}}
{{- if or (contains "\"" $user) (contains "\\" $user) -}}
{{- fail (printf "services.%s.kafka.username %q: quotes and backslashes cannot be used in sasl.jaas.config" .name $user) -}}
{{- end -}}
{{- $secret := $own.passwordSecret | default (include "sir-platform.kafkaUserName" .) -}}
{{- $key := $own.passwordKey | default $k.sasl.passwordKey -}}
{{- $out = append $out (dict "name" "SIR_KAFKA_SASL_USERNAME" "value" $user) -}}
{{- $out = append $out (dict "name" "SIR_KAFKA_SASL_PASSWORD" "valueFrom" (dict "secretKeyRef" (dict "name" $secret "key" $key))) -}}
{{- $out = append $out (dict "name" "KAFKA_SASL_JAAS_CONFIG" "value" "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$(SIR_KAFKA_SASL_USERNAME)\" password=\"$(SIR_KAFKA_SASL_PASSWORD)\";") -}}
{{- end -}}
{{- $ts := ($k.tls | default dict).truststore | default dict -}}
{{- if and ($k.tls | default dict).enabled $ts.passwordKey -}}
{{- $out = append $out (dict "name" "KAFKA_SSL_TRUSTSTORE_PASSWORD" "valueFrom" (dict "secretKeyRef" (dict "name" $ts.secretName "key" $ts.passwordKey))) -}}
{{- end -}}
{{- if $out -}}{{- toYaml $out -}}{{- end -}}
{{- end -}}
