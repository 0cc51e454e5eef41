"""Every data file's table: the public record's and where-to-report's, by resource name."""

from __future__ import annotations

from advocacy.countries.models import RESOURCE_MODELS as COUNTRY_MODELS
from advocacy.countries.models import Case, Chamber, Figure, Instrument, Ruling
from advocacy.reporting.models import REPORTING_MODELS, Channel, Guidance, Recommendation

DataModel = Instrument | Ruling | Case | Figure | Chamber | Channel | Guidance | Recommendation

# Data file resource name -> model; the order is the import order.
RESOURCE_MODELS: dict[str, type[DataModel]] = {**COUNTRY_MODELS, **REPORTING_MODELS}
