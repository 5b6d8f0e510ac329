-- Every change to a document: who, when, what, before and after. Append-only.
CREATE TABLE portcullis_audit (
    id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(300)  NOT NULL,
    activity     VARCHAR(64)   NOT NULL,
    kind         VARCHAR(32)   NOT NULL,
    document_id  VARCHAR(200)  NOT NULL,
    before_json  TEXT,
    after_json   TEXT
);
CREATE INDEX portcullis_audit_at ON portcullis_audit (at);
