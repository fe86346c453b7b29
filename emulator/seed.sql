-- Rows of a fresh MikoPBX 2024.1 that the employee API can see: the database the
-- image ships (resources/db/mikopbx.db) after the release upgrades that run on
-- first boot. Those add the echo-test application (2020.1.62), the system numbers
-- hangup/busy/did2user (2022.2.84) and voicemail (2022.2.103), and the parking
-- slots 801-820 plus 800 (2023.2.161). Ids are the real ones.

INSERT INTO m_Users (id, email, username, language, avatar) VALUES
    (1, 'root@miko.ru', 'Account of the administrator', 'ru-ru', NULL);

INSERT INTO m_Extensions
    (id, number, type, callerid, userid, show_in_phonebook, public_access, is_general_user_number)
VALUES
    (9, '000063', 'DIALPLAN APPLICATION', 'Reads back the extension', NULL, NULL, NULL, NULL),
    (11, '000064', 'DIALPLAN APPLICATION', '0000MILLI', NULL, NULL, NULL, NULL),
    (150, '2001', 'QUEUE', 'Sales office', NULL, '1', '1', NULL),
    (151, '2002', 'QUEUE', 'Technical Support Department', NULL, '1', '1', NULL),
    (152, '2003', 'IVR MENU', 'Main voice menu', NULL, '1', '1', NULL),
    (153, '1111', 'CONFERENCE', 'Main conference room', NULL, '1', '1', NULL),
    (154, '10003246', 'DIALPLAN APPLICATION', 'Echo test', NULL, '1', '1', '0'),
    (155, 'hangup', 'SYSTEM', 'System Extension', NULL, '1', '0', '0'),
    (156, 'busy', 'SYSTEM', 'System Extension', NULL, '1', '0', '0'),
    (157, 'did2user', 'SYSTEM', 'System Extension', NULL, '1', '0', '0'),
    (158, 'voicemail', 'SYSTEM', 'System Extension', NULL, '1', '0', '0');

-- Parking: slots first, then the parking number itself, as createParkingSlots() does.
WITH RECURSIVE slot(n) AS (SELECT 801 UNION ALL SELECT n + 1 FROM slot WHERE n < 820)
INSERT INTO m_Extensions (id, number, type, callerid, userid, show_in_phonebook)
SELECT 159 + n - 801, CAST(n AS TEXT), 'PARKING', '', NULL, '0' FROM slot;
INSERT INTO m_Extensions (id, number, type, callerid, userid, show_in_phonebook)
VALUES (179, '800', 'PARKING', '', NULL, '0');

-- The demo SIP provider has a m_Sip row of its own (no extension).
INSERT INTO m_Sip (id, uniqid, disabled, extension, type, host, port, username, secret,
                   fromuser, fromdomain, nat, dtmfmode, qualifyfreq, qualify,
                   manualattributes, disablefromuser, noregister, description,
                   receive_calls_without_auth)
VALUES (77, 'SIP-PROVIDER-34F7CCFE873B9DABD91CC8D75342CB43', '0', NULL, 'friend',
        'demo.askozia.ru', 5060, 'SIP-PROVIDER-122642725b9265fd7151c', 'admin', '', '',
        'force_rport,comedia', 'auto', 60, '1', '', '1', '0', 'Demo provider', '0');
