{{/* The non-secret environment of a service (its ConfigMap's data), as YAML. Arg: dict root name. */}}
{{- define "sir-platform.configData" -}}
{{- $root := .root -}}
{{- $cfg := include "sir-platform.serviceConfig" . | fromYaml -}}
{{- $img := include "sir-platform.imageConfig" . | fromYaml -}}
{{- $pg := $root.Values.postgresql -}}
{{- $db := $cfg.database | default dict -}}
{{- if not $db.name -}}{{- fail (printf "services.%s.database.name is required" .name) -}}{{- end -}}
{{- $query := ternary (printf "?%s" $pg.parameters) "" (ne ($pg.parameters | default "") "") -}}
{{- $keys := include "sir-platform.serviceConfig" (dict "root" $root "name" "keys-service") | fromYaml -}}
{{- $data := dict
  "QUARKUS_HTTP_PORT" ($cfg.port | int | toString)
  "KAFKA_BOOTSTRAP_SERVERS" $root.Values.kafka.bootstrapServers
  "QUARKUS_DATASOURCE_USERNAME" ($db.username | default $pg.auth.username)
  "QUARKUS_DATASOURCE_REACTIVE_URL" (printf "postgresql://%s:%d/%s%s" $pg.host ($pg.port | int) $db.name $query)
  "QUARKUS_DATASOURCE_JDBC_URL" (printf "jdbc:postgresql://%s:%d/%s%s" $pg.host ($pg.port | int) $db.name $query)
  "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE" ($db.poolSize | default 8 | int | toString)
  "SIR_PLATFORM_KEYS_ACTIVE" $root.Values.platformKeys.active
  "SIR_KEYS_SERVICE_URL" (printf "http://%s:%d" (include "sir-platform.serviceFullname" (dict "root" $root "name" "keys-service")) ($keys.port | int))
-}}
{{- range $k, $v := include "sir-platform.kafkaClientConfig" $root | fromYaml -}}
{{- $_ := set $data $k $v -}}
{{- end -}}
{{- $data = merge $data (include "sir-platform.retentionConfig" . | fromYaml) -}}
{{- if $cfg.userJwt -}}
{{- $idp := $root.Values.identityProvider -}}
{{- $_ := set $data "MP_JWT_VERIFY_ISSUER" (required "identityProvider.issuer is required" $idp.issuer) -}}
{{- $_ := set $data "MP_JWT_VERIFY_AUDIENCES" (required "identityProvider.audience is required" $idp.audience) -}}
{{- if $idp.publicKeyPem -}}
{{- $_ := set $data "MP_JWT_VERIFY_PUBLICKEY_LOCATION" "/etc/sir/jwt/publickey.pem" -}}
{{- else -}}
{{- $_ := set $data "MP_JWT_VERIFY_PUBLICKEY_LOCATION" (required "identityProvider.publicKeyLocation (or publicKeyPem) is required" $idp.publicKeyLocation) -}}
{{- end -}}
{{- end -}}
{{- if eq .name "rewards-service" -}}
{{/* The dashboard's webhook delivery figures: webhook-dispatcher's internal endpoint (null on the dashboard without it). */}}
{{- $dispatcher := include "sir-platform.serviceConfig" (dict "root" $root "name" "webhook-dispatcher") | fromYaml -}}
{{- $_ := set $data "SIR_WEBHOOK_DISPATCHER_URL" (printf "http://%s:%d" (include "sir-platform.serviceFullname" (dict "root" $root "name" "webhook-dispatcher")) ($dispatcher.port | int)) -}}
{{- end -}}
{{- if eq .name "webhook-dispatcher" -}}
{{- $wh := $cfg.webhooks | default dict -}}
{{- $_ := set $data "SIR_WEBHOOKS_ALLOW_HTTP" (ternary "true" "false" (eq (toString $wh.allowHttp) "true")) -}}
{{- $_ := set $data "SIR_WEBHOOKS_ALLOW_PRIVATE_TARGETS" (ternary "true" "false" (eq (toString $wh.allowPrivateTargets) "true")) -}}
{{- end -}}
{{- if eq .name "donations-service" -}}
{{/* Donation links and the hosted checkout point the donor's browser at the platform's public URL; the providers' URLs. */}}
{{- $d := $cfg.donations | default dict -}}
{{- $stripe := $d.stripe | default dict -}}
{{- $everyOrg := $d.everyOrg | default dict -}}
{{- $public := required "services.donations-service.donations.publicBaseUrl is required (the platform's public URL, e.g. https://api.sirgiving.org)" $d.publicBaseUrl -}}
{{- if not (regexMatch "^https?://[^/?#]+$" $public) -}}
{{- fail (printf "services.donations-service.donations.publicBaseUrl %q: a scheme and host (and port), no path and no trailing '/'" $public) -}}
{{- end -}}
{{- $_ := set $data "SIR_DONATIONS_PUBLIC_BASE_URL" $public -}}
{{- $_ := set $data "SIR_DONATIONS_STRIPE_API_BASE_URL" ($stripe.apiBaseUrl | default "https://api.stripe.com") -}}
{{- with $stripe.successUrl -}}{{- $_ := set $data "SIR_DONATIONS_STRIPE_SUCCESS_URL" . -}}{{- end -}}
{{- with $stripe.cancelUrl -}}{{- $_ := set $data "SIR_DONATIONS_STRIPE_CANCEL_URL" . -}}{{- end -}}
{{- $_ := set $data "SIR_DONATIONS_EVERY_ORG_DONATE_BASE_URL" ($everyOrg.donateBaseUrl | default "https://www.every.org") -}}
{{- end -}}
{{- $tracing := $root.Values.tracing | default dict -}}
{{- if $tracing.enabled -}}
{{/* Tracing: OTLP export to the collector, and the share of traces recorded (0, the services' default, records none). */}}
{{- $_ := set $data "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" (required "tracing.endpoint is required when tracing.enabled" $tracing.endpoint) -}}
{{- $_ := set $data "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL" ($tracing.protocol | default "grpc") -}}
{{- $_ := set $data "SIR_TRACING_SAMPLING_RATIO" ($tracing.samplingRatio | toString) -}}
{{- $attrs := list (printf "service.namespace=%s" $root.Release.Namespace) -}}
{{- range $k, $v := $tracing.resourceAttributes | default dict -}}
{{- $attrs = append $attrs (printf "%s=%s" $k (toString $v)) -}}
{{- end -}}
{{- $_ := set $data "QUARKUS_OTEL_RESOURCE_ATTRIBUTES" (join "," $attrs) -}}
{{- end -}}
{{- range $k, $v := (index $img.flavors $img.flavor).env | default dict -}}
{{- $_ := set $data $k (toString $v) -}}
{{- end -}}
{{- range $k, $v := $cfg.env | default dict -}}
{{- $_ := set $data $k (toString $v) -}}
{{- end -}}
{{- toYaml $data -}}
{{- end -}}

{{/*
The PostgreSQL connection budget: at its largest replica count (the HPA's maxReplicas when autoscaling is on) plus
the one extra pod a rolling update starts (maxSurge 1), each service opens replicas × (database.poolSize + 2)
connections (the reactive pool, plus the two JDBC connections that Flyway uses at start-up). The chart refuses to
render when the sum exceeds postgresql.maxConnections minus postgresql.reservedConnections: running out surfaces at
peak load as SQLSTATE 53300. Arg: root.
*/}}
{{- define "sir-platform.connectionBudget" -}}
{{- $root := . -}}
{{- $total := 0 -}}
{{- $parts := list -}}
{{- range $name := include "sir-platform.enabledServices" $root | fromYamlArray -}}
{{- $cfg := include "sir-platform.serviceConfig" (dict "root" $root "name" $name) | fromYaml -}}
{{- $as := $cfg.autoscaling | default dict -}}
{{- $replicas := $cfg.replicas | int -}}
{{- if $as.enabled -}}{{- $replicas = $as.maxReplicas | int -}}{{- end -}}
{{- if gt $replicas 0 -}}{{- $replicas = add1 $replicas -}}{{- end -}}
{{- $per := add (($cfg.database | default dict).poolSize | default 8 | int) 2 -}}
{{- $total = add $total (mul $replicas $per) -}}
{{- $parts = append $parts (printf "%s %d×%d" $name $replicas $per) -}}
{{- end -}}
{{- $pg := $root.Values.postgresql -}}
{{- toYaml (dict "total" $total "parts" $parts "limit" (sub ($pg.maxConnections | int) ($pg.reservedConnections | int))) -}}
{{- end -}}

{{/* Fails the render when the budget above is exceeded. Arg: root. */}}
{{- define "sir-platform.checkConnectionBudget" -}}
{{- $b := include "sir-platform.connectionBudget" . | fromYaml -}}
{{- $pg := .Values.postgresql -}}
{{- if gt ($b.total | int) ($b.limit | int) -}}
{{- fail (printf "PostgreSQL connection budget exceeded: at their largest replica counts, plus one pod each during a rolling update, the services may open %d connections (%s) but postgresql.maxConnections %d minus reservedConnections %d leaves %d. Lower the replicas or database.poolSize, raise the server's max_connections (and postgresql.maxConnections), or put PgBouncer in front (deploy/helm/README.md)." ($b.total | int) (join ", " $b.parts) ($pg.maxConnections | int) ($pg.reservedConnections | int) ($b.limit | int)) -}}
{{- end -}}
{{- end -}}
