DROP TABLE comparisons;
