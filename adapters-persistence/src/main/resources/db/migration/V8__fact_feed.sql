-- Devices and user risk reach nodes as a feed of changes, apart from the policy snapshot: every
-- change of one takes the next fact sequence number, held on the snapshot version's row so that
-- writers on any replica take numbers in the order they commit. Only each entity's last change is
-- kept: a node that asks what changed after n gets every entity changed since, as it is now.
ALTER TABLE portcullis_snapshot_version ADD COLUMN fact_sequence BIGINT DEFAULT 0 NOT NULL;

CREATE TABLE portcullis_fact_change (
    kind  VARCHAR(32)  NOT NULL,
    id    VARCHAR(200) NOT NULL,
    seq   BIGINT       NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX portcullis_fact_change_seq ON portcullis_fact_change (seq);
