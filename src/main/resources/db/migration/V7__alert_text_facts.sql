-- The facts each alert sentence is made of (which sentence, and the ids, numbers and countries in it), as JSON,
-- so that the API can write the sentence in the reader's language. The English text stays in summary and note:
-- webhooks and clients that ask for English read it as before, and rows written before this column existed
-- (facts NULL) are shown in English.

ALTER TABLE alert ADD COLUMN summary_facts VARCHAR(2000);
ALTER TABLE alert_evidence ADD COLUMN note_facts VARCHAR(2000);
