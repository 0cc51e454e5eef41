"""Country briefings: content from the data (content, summary, figures), charts, layout and PDF
(render), the on-disk store (store), one briefing end to end (service), briefings printed
ahead of readers on the task queue (prints, tasks_prints), and bulk exports as jobs on the
task queue (export, jobs, leases, progress, work, tasks) with their staff pages.

Importing this package imports neither WeasyPrint nor the queue: WeasyPrint runs in the
renderer's worker processes.
"""
