-- The sign-in log: one row per record a Keycloak node shipped, its Graph-shaped JSON kept whole,
-- the columns the log is filtered by beside it.
CREATE TABLE portcullis_sign_in (
    id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    user_id      VARCHAR(200)  NOT NULL,
    app_id       VARCHAR(200)  NOT NULL,
    decision     VARCHAR(32)   NOT NULL,
    policy_ids   TEXT          NOT NULL,
    json         TEXT          NOT NULL
);
CREATE INDEX portcullis_sign_in_created ON portcullis_sign_in (created_at);
CREATE INDEX portcullis_sign_in_user ON portcullis_sign_in (user_id, created_at);
