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
  "SIR_PLATFORM_KEYS_ACTIVE" $root.Values.platformKeys.active
  "SIR_KEYS_SERVICE_URL" (printf "http://%s:%d" (include "sir-platform.serviceFullname" (dict "root" $root "name" "keys-service")) ($keys.port | int))
-}}
{{- if $cfg.userJwt -}}
{{- $idp := $root.Values.identityProvider -}}
{{- $_ := set $data "MP_JWT_VERIFY_ISSUER" (required "identityProvider.issuer is required" $idp.issuer) -}}
{{- if $idp.publicKeyPem -}}
{{- $_ := set $data "MP_JWT_VERIFY_PUBLICKEY_LOCATION" "/etc/sir/jwt/publickey.pem" -}}
{{- else -}}
{{- $_ := set $data "MP_JWT_VERIFY_PUBLICKEY_LOCATION" (required "identityProvider.publicKeyLocation (or publicKeyPem) is required" $idp.publicKeyLocation) -}}
{{- end -}}
{{- end -}}
{{- if eq .name "webhook-dispatcher" -}}
{{- $wh := $cfg.webhooks | default dict -}}
{{- $_ := set $data "SIR_WEBHOOKS_ALLOW_HTTP" (ternary "true" "false" (eq (toString $wh.allowHttp) "true")) -}}
{{- $_ := set $data "SIR_WEBHOOKS_ALLOW_PRIVATE_TARGETS" (ternary "true" "false" (eq (toString $wh.allowPrivateTargets) "true")) -}}
{{- end -}}
{{- range $k, $v := (index $img.flavors $img.flavor).env | default dict -}}
{{- $_ := set $data $k (toString $v) -}}
{{- end -}}
{{- range $k, $v := $cfg.env | default dict -}}
{{- $_ := set $data $k (toString $v) -}}
{{- end -}}
{{- toYaml $data -}}
{{- end -}}
