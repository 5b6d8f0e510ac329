-- Graph's correlationId of a sign-in record: the records of one login share it, and a blocked user
-- quotes it (with the record's id) from the block page, so the log is searched by both.
ALTER TABLE portcullis_sign_in ADD COLUMN correlation_id VARCHAR(200);
CREATE INDEX portcullis_sign_in_correlation ON portcullis_sign_in (correlation_id);
