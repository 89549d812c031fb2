DROP TABLE placement_sessions;
