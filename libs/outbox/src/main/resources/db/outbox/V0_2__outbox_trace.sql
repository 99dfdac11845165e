-- The trace context of the transaction that wrote the row (W3C traceparent / tracestate), so that the relay, which
-- publishes later and from no request, puts it in the record's headers and the consumers continue that trace.
-- Null for rows written before tracing, and published without trace headers.
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
ALTER TABLE outbox ADD COLUMN tracestate TEXT;
