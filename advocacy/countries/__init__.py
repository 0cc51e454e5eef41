"""The public record: the sourced models, a country's dossier (repository), which actions fit
(rules), status badges, labels, the public pages and the JSON API."""
