-- The change set an audit entry belongs to (an import writes many documents as one change).
-- Numbered 20 so that migrations other branches add meanwhile (V4, V5, ...) keep their order.
ALTER TABLE portcullis_audit ADD COLUMN correlation_id VARCHAR(64);
