{{/* ---- names and labels ------------------------------------------------------------------------------- */}}

{{- define "sir-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sir-platform.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The services, in start order (keys-service first: the others ask it on a credential cache miss). */}}
{{- define "sir-platform.serviceNames" -}}
- keys-service
- actions-service
- rewards-service
- webhook-dispatcher
- donations-service
{{- end -}}

{{/* Names of the enabled services, as a YAML list. */}}
{{- define "sir-platform.enabledServices" -}}
{{- $out := list -}}
{{- range $name := include "sir-platform.serviceNames" . | fromYamlArray -}}
{{- $svc := index $.Values.services $name | default dict -}}
{{- if $svc.enabled -}}
{{- $out = append $out $name -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* "<fullname>-<service>": Deployment, Service, ServiceAccount, ConfigMap, HPA, PDB, NetworkPolicy. Arg: dict root name. */}}
{{- define "sir-platform.serviceFullname" -}}
{{- printf "%s-%s" (include "sir-platform.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every resource, less the instance (which selectorLabels carry). */}}
{{- define "sir-platform.baseLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/part-of: sir-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Labels of a resource that belongs to no one service. */}}
{{- define "sir-platform.commonLabels" -}}
{{ include "sir-platform.baseLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Arg: dict root name. */}}
{{- define "sir-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Arg: dict root name. */}}
{{- define "sir-platform.labels" -}}
{{ include "sir-platform.baseLabels" .root }}
{{ include "sir-platform.selectorLabels" . }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* ---- per-service configuration ---------------------------------------------------------------------- */}}

{{/* serviceDefaults overlaid with services.<name>, as YAML. Arg: dict root name. */}}
{{- define "sir-platform.serviceConfig" -}}
{{- $own := index .root.Values.services .name | default dict -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy $own)) -}}
{{- end -}}

{{/* The image settings of a service (global image overlaid with services.<name>.image), as YAML. Arg: dict root name. */}}
{{- define "sir-platform.imageConfig" -}}
{{- $own := (index .root.Values.services .name | default dict).image | default dict -}}
{{- $img := mergeOverwrite (deepCopy .root.Values.image) (deepCopy $own) -}}
{{- if not (hasKey $img.flavors $img.flavor) -}}
{{- fail (printf "services.%s: image flavor %q has no image.flavors entry (native or jvm)" .name $img.flavor) -}}
{{- end -}}
{{- toYaml $img -}}
{{- end -}}

{{/* "<repository><repositorySuffix>:<tag><tagSuffix>". Arg: dict root name. */}}
{{- define "sir-platform.image" -}}
{{- $img := include "sir-platform.imageConfig" . | fromYaml -}}
{{- $flavor := index $img.flavors $img.flavor -}}
{{- $repository := $img.repository | default (printf "%s/%s" (trimSuffix "/" $img.registry) .name) -}}
{{- $tag := $img.tag | default .root.Chart.AppVersion -}}
{{- printf "%s%s:%s%s" $repository ($flavor.repositorySuffix | default "") $tag ($flavor.tagSuffix | default "") -}}
{{- end -}}

{{/* ---- secrets ------------------------------------------------------------------------------------------ */}}

{{- define "sir-platform.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "sir-platform.fullname" .)) -}}
{{- end -}}

{{/* Env var name of a platform key: SIR_PLATFORM_KEYS_KEYS_<ID> (the service reads it as sir.platform-keys.keys.<id>). */}}
{{- define "sir-platform.platformKeyEnv" -}}
{{- printf "SIR_PLATFORM_KEYS_KEYS_%s" (upper .) -}}
{{- end -}}

{{/* Fails on an inconsistent platform key set. */}}
{{- define "sir-platform.checkPlatformKeys" -}}
{{- $ids := list -}}
{{- range .Values.platformKeys.keys -}}
{{- if has .id $ids -}}{{- fail (printf "platformKeys.keys: id %q is listed twice" .id) -}}{{- end -}}
{{- $ids = append $ids .id -}}
{{- if and .value (ne (len (b64dec .value)) 32) -}}
{{- fail (printf "platformKeys.keys: the value of %q must be the base64 of 32 bytes (openssl rand -base64 32)" .id) -}}
{{- end -}}
{{- end -}}
{{- if not (has .Values.platformKeys.active $ids) -}}
{{- fail (printf "platformKeys.active %q is not one of platformKeys.keys (%s)" .Values.platformKeys.active (join ", " $ids)) -}}
{{- end -}}
{{- end -}}

{{/* What a chart-managed Secret is made from: its checksum rolls the pods when it changes. */}}
{{- define "sir-platform.secretInputs" -}}
{{- $db := dict -}}
{{- range $name := include "sir-platform.serviceNames" . | fromYamlArray -}}
{{- $d := (index $.Values.services $name | default dict).database | default dict -}}
{{- $_ := set $db $name (dict "key" ($d.passwordKey | default "") "password" ($d.password | default "")) -}}
{{- end -}}
{{- toJson (dict "existing" .Values.secrets.existingSecret "token" .Values.secrets.internalToken "keys" .Values.platformKeys.keys "db" .Values.postgresql.auth.password "perService" $db "donations" (.Values.secrets.donations | default dict)) -}}
{{- end -}}

{{/* ---- routes: deploy/routes.tsv ------------------------------------------------------------------------ */}}

{{/*
The route table, parsed from files/routes.tsv (a link to deploy/routes.tsv, the one route table) into a YAML list
of {prefix, service}. Same rules as the local gateway: "<path-prefix> TAB <service>" a line, '#' comments and
blank lines ignored, the prefix starts with '/' and has no trailing '/'.
*/}}
{{- define "sir-platform.routes" -}}
{{- $known := include "sir-platform.serviceNames" . | fromYamlArray -}}
{{- $raw := .Files.Get "files/routes.tsv" -}}
{{- if not $raw -}}
{{- fail "files/routes.tsv is missing or empty: it must link to (or, in a packaged chart, be a copy of) deploy/routes.tsv" -}}
{{- end -}}
{{- $routes := list -}}
{{- $seen := list -}}
{{- range $i, $line := splitList "\n" $raw -}}
{{- $l := trimSuffix "\r" $line -}}
{{- if and (ne (trim $l) "") (not (hasPrefix "#" $l)) -}}
{{- $cols := splitList "\t" $l -}}
{{- if ne (len $cols) 2 -}}
{{- fail (printf "routes.tsv line %d: expected <path-prefix><TAB><service>, got %q" (add1 $i) $l) -}}
{{- end -}}
{{- $prefix := index $cols 0 -}}
{{- $service := index $cols 1 -}}
{{- if or (not (hasPrefix "/" $prefix)) (hasSuffix "/" $prefix) (contains " " $prefix) -}}
{{- fail (printf "routes.tsv line %d: the prefix %q must start with '/' and have no trailing '/'" (add1 $i) $prefix) -}}
{{- end -}}
{{- if not (has $service $known) -}}
{{- fail (printf "routes.tsv line %d: unknown service %q" (add1 $i) $service) -}}
{{- end -}}
{{- if has $prefix $seen -}}
{{- fail (printf "routes.tsv line %d: the prefix %q is listed twice" (add1 $i) $prefix) -}}
{{- end -}}
{{- $seen = append $seen $prefix -}}
{{- $routes = append $routes (dict "prefix" $prefix "service" $service) -}}
{{- end -}}
{{- end -}}
{{- toYaml $routes -}}
{{- end -}}

{{/* ---- network policy peers ----------------------------------------------------------------------------- */}}

{{/* ipBlock peers from a list of CIDR strings or {cidr, except} objects. */}}
{{- define "sir-platform.ipBlocks" -}}
{{- $out := list -}}
{{- range . -}}
{{- if kindIs "string" . -}}
{{- $out = append $out (dict "ipBlock" (dict "cidr" .)) -}}
{{- else if .except -}}
{{- $out = append $out (dict "ipBlock" (dict "cidr" .cidr "except" .except)) -}}
{{- else -}}
{{- $out = append $out (dict "ipBlock" (dict "cidr" .cidr)) -}}
{{- end -}}
{{- end -}}
{{- if $out -}}{{- toYaml $out -}}{{- end -}}
{{- end -}}

{{/* NetworkPolicyPort list for TCP ports (each port once). */}}
{{- define "sir-platform.tcpPorts" -}}
{{- $ports := list -}}
{{- range . -}}{{- $ports = append $ports (int .) -}}{{- end -}}
{{- $out := list -}}
{{- range $ports | uniq -}}
{{- $out = append $out (dict "protocol" "TCP" "port" .) -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* The Secret key holding a service's database password. Arg: dict root name. */}}
{{- define "sir-platform.dbPasswordKey" -}}
{{- $db := (index .root.Values.services .name | default dict).database | default dict -}}
{{- if $db.passwordKey -}}
{{- $db.passwordKey -}}
{{- else if and $db.password (not .root.Values.secrets.existingSecret) -}}
{{- printf "db-password-%s" .name -}}
{{- else -}}
db-password
{{- end -}}
{{- end -}}

{{/* ---- helm test ------------------------------------------------------------------------------------------- */}}

{{/* The base URL `helm test` reaches the release's route at: helmTest.url, else https://<the route's first hostname>. */}}
{{- define "sir-platform.helmTestUrl" -}}
{{- $t := .Values.helmTest | default dict -}}
{{- $hosts := list -}}
{{- if eq .Values.routing.type "gateway" -}}{{- $hosts = .Values.routing.gateway.hostnames | default list -}}{{- end -}}
{{- if eq .Values.routing.type "ingress" -}}{{- $hosts = .Values.routing.ingress.hosts | default list -}}{{- end -}}
{{- if $t.url -}}
{{- $t.url -}}
{{- else if and $hosts (not (hasPrefix "*" (first $hosts))) -}}
{{- printf "https://%s" (first $hosts) -}}
{{- end -}}
{{- end -}}

{{/* ---- donations-service ---------------------------------------------------------------------------------- */}}

{{/* The payment providers' Secret keys → their secrets.donations value names, as YAML. */}}
{{- define "sir-platform.donationsSecretKeys" -}}
donations-stripe-secret-key: stripeSecretKey
donations-stripe-webhook-secret: stripeWebhookSecret
donations-every-org-webhook-token: everyOrgWebhookToken
donations-every-org-webhook-secret: everyOrgWebhookSecret
{{- end -}}

{{/* The payment providers' Secret keys → the service's environment variables (sir.donations.*), as YAML. */}}
{{- define "sir-platform.donationsSecretEnv" -}}
donations-stripe-secret-key: SIR_DONATIONS_STRIPE_SECRET_KEY
donations-stripe-webhook-secret: SIR_DONATIONS_STRIPE_WEBHOOK_SECRET
donations-every-org-webhook-token: SIR_DONATIONS_EVERY_ORG_WEBHOOK_TOKEN
donations-every-org-webhook-secret: SIR_DONATIONS_EVERY_ORG_WEBHOOK_SECRET
{{- end -}}
