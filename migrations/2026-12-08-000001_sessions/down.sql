DROP TABLE refresh_tokens;
DROP TABLE auth_sessions;
