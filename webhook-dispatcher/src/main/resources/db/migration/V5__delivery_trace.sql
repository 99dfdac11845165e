-- The trace context of the lifecycle event a delivery was made for (W3C traceparent / tracestate): every attempt,
-- however much later it is made (retries run for days), is a span of that event's trace. Null for deliveries
-- queued before tracing and for test events, whose attempts start traces of their own.
ALTER TABLE webhook_deliveries ADD COLUMN traceparent TEXT;
ALTER TABLE webhook_deliveries ADD COLUMN tracestate TEXT;
