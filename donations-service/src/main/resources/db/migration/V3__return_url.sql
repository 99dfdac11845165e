-- The partner's page the donor is sent back to after the checkout (create-link's optional returnUrl); null: the
-- platform's own thank-you page.
ALTER TABLE donations ADD COLUMN return_url TEXT;
