"""Stage 3: what pages ask of the checked data: `views.Site` (who wrote what, what is current, in which
order) and `citing` (how a paper is cited, decided once for every format)."""
