"""The professor's paperwork made from the same data as the site: the NSF collaborators form (`coa`)."""
