-- A fact's change is written pending (no sequence number) and numbered by the next reader of the
-- feed, in one pass holding the version row: device syncs no longer wait for each other on that row.
ALTER TABLE portcullis_fact_change ALTER COLUMN seq DROP NOT NULL;
