"""Letters and written questions: templates, the facts they see (context), addressing, the one
letter service (prepare, render, to_bytes), outputs (txt, eml, mailto, pdf), the composer
pages, counts, `advocacy letter` and the mail merge."""
