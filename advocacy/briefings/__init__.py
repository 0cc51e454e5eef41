"""Country briefings: content from the data (content, summary, figures), charts, layout and PDF
(render), the on-disk store (store), and one briefing end to end (service).

Importing this package imports neither matplotlib nor WeasyPrint: they run in the
renderer's worker processes.
"""
