DROP TABLE rec_user_factors;
DROP TABLE rec_item_factors;
DROP TABLE rec_models;
DROP TABLE interactions;
