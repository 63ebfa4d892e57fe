"""The charts noun: what the supervisor's charts show (reads only; no Qt)."""

from __future__ import annotations

from sitcentre.backend.noun import Noun
from sitcentre.domain.charts import ChartData, ChartQuery
from sitcentre.services.charts import ChartService


class Charts(Noun):
    def load(self, query: ChartQuery) -> ChartData:
        """Series, breakdowns and reference lists for one chart, in one read transaction (run it off the GUI)."""
        return ChartService(self.engine, self.settings).load(query, actor=self.actor)
