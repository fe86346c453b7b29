-- The three demo employees of a fresh MikoPBX, each with a mobile number that all
-- three forwardings point to. Their avatars (large PNG data URIs) are left out.

INSERT INTO m_Users (id, email, username, language, avatar) VALUES
    (110, '', 'Smith James', 'ru-ru', ''),
    (111, '', 'Brown Brandon', 'ru-ru', ''),
    (112, '', 'Collins Melanie', 'ru-ru', '');

INSERT INTO m_Extensions
    (id, number, type, callerid, userid, show_in_phonebook, public_access, is_general_user_number)
VALUES
    (144, '201', 'SIP', 'Smith James', 110, '1', '0', '1'),
    (145, '89261111111', 'EXTERNAL', 'Smith James', 110, '1', '0', '1'),
    (146, '202', 'SIP', 'Brown Brandon', 111, '1', '0', '1'),
    (147, '89161111111', 'EXTERNAL', 'Brown Brandon', 111, '1', '0', '1'),
    (148, '203', 'SIP', 'Collins Melanie', 112, '1', '0', '1'),
    (149, '89251111111', 'EXTERNAL', 'Collins Melanie', 112, '1', '0', '1');

INSERT INTO m_Sip (id, uniqid, disabled, extension, type, secret, nat, dtmfmode, qualifyfreq,
                   qualify, manualattributes, disablefromuser, description)
VALUES
    (74, 'SIP-PHONE-3C7ED04030AD1FD22BAE36DE02657845', '0', '201', 'peer',
     '5b66b92d5714f921cfcde78a4fda0f58', 'force_rport,comedia', 'auto', 60, '1', '', '0',
     'Smith James'),
    (75, 'SIP-PHONE-642CC6EF655E8F8A4E457B931D28C055', '0', '202', 'peer',
     'e72b3aea6e4f2a8560adb33cb9bfa5dd', 'force_rport,comedia', 'auto', 60, '1', '', '0',
     'Brown Brandon'),
    (76, 'SIP-PHONE-4F1F6423240525AE1208F86187FBFA8A', '0', '203', 'peer',
     'ce4fb0a6a238ddbcd059ecb30f884188', 'force_rport,comedia', 'auto', 60, '1', '', '0',
     'Collins Melanie');

INSERT INTO m_ExtensionForwardingRights
    (id, extension, ringlength, forwarding, forwardingonbusy, forwardingonunavailable)
VALUES
    (24, '201', 45, '89261111111', '89261111111', '89261111111'),
    (25, '202', 45, '89161111111', '89161111111', '89161111111'),
    (26, '203', 45, '89251111111', '89251111111', '89251111111');

INSERT INTO m_ExternalPhones (id, extension, dialstring, uniqid, disabled) VALUES
    (18, '89261111111', '89261111111', 'EXTERNAL-3C7ED04030AD1FD22BAE36DE02657845', '0'),
    (19, '89161111111', '89161111111', 'EXTERNAL-642CC6EF655E8F8A4E457B931D28C055', '0'),
    (20, '89251111111', '89251111111', 'EXTERNAL-4F1F6423240525AE1208F86187FBFA8A', '0');
