DROP TABLE user_services;
DROP TABLE availability_cache;
