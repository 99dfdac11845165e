-- The directory every environment starts with: well-known US nonprofits, public facts only (name, EIN, website, one
-- line on what they do). Operators add, change and deactivate organizations through /v1/admin/organizations.
-- Ids are derived from the slug so that every installation names a seeded organization the same way.
INSERT INTO organizations (id, slug, name, ein, status, description, website, providers, currencies, created_at, updated_at)
SELECT 'org_' || substr(md5(slug), 1, 24), slug, name, ein, 'ACTIVE', description, website, 'stripe,every.org', 'USD',
       now(), now()
FROM (VALUES
    ('givedirectly', 'GiveDirectly', '27-1661997',
     'Sends cash directly to people living in extreme poverty.', 'https://www.givedirectly.org'),
    ('against-malaria-foundation', 'Against Malaria Foundation', '20-3069841',
     'Funds and distributes long-lasting insecticidal nets against malaria.', 'https://www.againstmalaria.com'),
    ('khan-academy', 'Khan Academy', '26-1544963',
     'A free, world-class education for anyone, anywhere.', 'https://www.khanacademy.org'),
    ('wikimedia-foundation', 'Wikimedia Foundation', '20-0049703',
     'Hosts Wikipedia and the other free knowledge projects.', 'https://wikimediafoundation.org'),
    ('charity-water', 'charity: water', '22-3936753',
     'Brings clean and safe drinking water to people in developing countries.', 'https://www.charitywater.org'),
    ('doctors-without-borders-usa', 'Doctors Without Borders USA', '13-3433452',
     'Medical humanitarian care where it is needed most.', 'https://www.doctorswithoutborders.org')
) AS seed (slug, name, ein, description, website);
