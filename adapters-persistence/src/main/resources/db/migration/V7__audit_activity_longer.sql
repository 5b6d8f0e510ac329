-- An activity can say more than a verb: a pilot notice records its dates and counts there
-- ("notify affected users: enforcementDate …, sign-ins … to …, prompted n, sent n, …"), about 200
-- characters, which 64 refused (and the notices had gone out by then).
ALTER TABLE portcullis_audit ALTER COLUMN activity SET DATA TYPE VARCHAR(1000);
