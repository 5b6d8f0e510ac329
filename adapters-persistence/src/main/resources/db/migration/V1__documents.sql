-- Every document (policy, named location, authentication strength, device) as its Graph JSON,
-- with the columns queries and optimistic locking need. Portable between H2 and PostgreSQL.
CREATE TABLE portcullis_document (
    kind          VARCHAR(32)   NOT NULL,
    id            VARCHAR(200)  NOT NULL,
    display_name  VARCHAR(500)  NOT NULL,
    json          TEXT          NOT NULL,
    version       BIGINT        NOT NULL,
    modified_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, id)
);

-- One row: raised in the same transaction as every document change.
CREATE TABLE portcullis_snapshot_version (
    id       INTEGER NOT NULL PRIMARY KEY,
    version  BIGINT  NOT NULL
);
INSERT INTO portcullis_snapshot_version (id, version) VALUES (1, 0);
