"""Country briefings: content from the data (content, summary, figures), charts, layout and PDF
(render), the on-disk store (store), one briefing end to end (service), and bulk exports as
jobs on the task queue (export, jobs, leases, progress, work, tasks) with their staff pages.

Importing this package imports neither matplotlib nor WeasyPrint: they run in the
renderer's worker processes.
"""
