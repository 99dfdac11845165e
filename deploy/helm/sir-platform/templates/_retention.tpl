{{/*
The retention settings of a service (docs/operations.md "Retention"), as YAML env: every service runs its jobs on the
same interval and batch size; the services with an outbox keep published rows retention.outboxDays, webhook-dispatcher
keeps ended deliveries retention.deliveriesDays. Arg: dict root name.
*/}}
{{- define "sir-platform.retentionConfig" -}}
{{- $r := .root.Values.retention | default dict -}}
SIR_RETENTION_INTERVAL: {{ $r.interval | default "10m" | toString | quote }}
SIR_RETENTION_BATCH_SIZE: {{ $r.batchSize | default 1000 | int | toString | quote }}
{{- if eq .name "webhook-dispatcher" }}
SIR_RETENTION_DELIVERIES_DAYS: {{ $r.deliveriesDays | default 45 | int | toString | quote }}
{{- else }}
SIR_RETENTION_OUTBOX_DAYS: {{ $r.outboxDays | default 7 | int | toString | quote }}
{{- end }}
{{- end -}}
