-- The five tables MikoPBX writes when it saves an employee, with the column names
-- and types of its models (src/Common/Models, release 2024.1). The real database has
-- no index but the primary keys: every lookup there is a scan and uniqueness is
-- checked by the models. Here the indexes only make lookups fast, except the UNIQUE
-- one on m_Extensions.number, which stands in for the model's uniqueness check.

CREATE TABLE IF NOT EXISTS m_Users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT,
    username TEXT,
    language TEXT,
    avatar TEXT
);

CREATE TABLE IF NOT EXISTS m_Extensions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    number TEXT,
    type TEXT,
    callerid TEXT,
    userid INTEGER,
    show_in_phonebook TEXT DEFAULT '1',
    public_access TEXT DEFAULT '1',
    is_general_user_number TEXT DEFAULT '0'
);
CREATE UNIQUE INDEX IF NOT EXISTS i_m_Extensions_number ON m_Extensions (number);
CREATE INDEX IF NOT EXISTS i_m_Extensions_userid ON m_Extensions (userid, type);
CREATE INDEX IF NOT EXISTS i_m_Extensions_type_number ON m_Extensions (type, number);

CREATE TABLE IF NOT EXISTS m_Sip (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    uniqid TEXT,
    disabled TEXT NOT NULL DEFAULT '0',
    extension TEXT,
    type TEXT,
    registration_type TEXT,
    host TEXT,
    port INTEGER,
    username TEXT,
    secret TEXT,
    transport TEXT,
    outbound_proxy TEXT,
    fromuser TEXT,
    fromdomain TEXT,
    nat TEXT,
    dtmfmode TEXT,
    qualifyfreq INTEGER,
    qualify TEXT,
    networkfilterid INTEGER,
    manualattributes TEXT,
    disablefromuser TEXT DEFAULT '0',
    noregister TEXT DEFAULT '0',
    receive_calls_without_auth TEXT DEFAULT '0',
    description TEXT,
    enableRecording INTEGER DEFAULT 1,
    weakSecret INTEGER DEFAULT 0
);
CREATE INDEX IF NOT EXISTS i_m_Sip_uniqid ON m_Sip (uniqid);
CREATE INDEX IF NOT EXISTS i_m_Sip_extension ON m_Sip (extension);

CREATE TABLE IF NOT EXISTS m_ExtensionForwardingRights (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    extension TEXT,
    forwarding TEXT,
    forwardingonbusy TEXT,
    forwardingonunavailable TEXT,
    ringlength INTEGER
);
CREATE INDEX IF NOT EXISTS i_m_ExtensionForwardingRights_extension
    ON m_ExtensionForwardingRights (extension);

CREATE TABLE IF NOT EXISTS m_ExternalPhones (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    extension TEXT,
    uniqid TEXT,
    dialstring TEXT,
    manualdialplanincoming TEXT,
    manualdialplanoutgoing TEXT,
    disabled TEXT NOT NULL DEFAULT '0'
);
CREATE INDEX IF NOT EXISTS i_m_ExternalPhones_uniqid ON m_ExternalPhones (uniqid);
CREATE INDEX IF NOT EXISTS i_m_ExternalPhones_extension ON m_ExternalPhones (extension);
