-- The language each person chose (en, de, ar), NULL until they choose:
-- an account's setting, a guest's choice on the join page. A page then
-- speaks it whatever the browser asks for.
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE guests ADD COLUMN language TEXT;
