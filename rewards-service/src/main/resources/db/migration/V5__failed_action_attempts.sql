-- Which submission attempt of an action was refused: a late redelivery of that attempt is not rewarded afterwards.
ALTER TABLE failed_actions ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
