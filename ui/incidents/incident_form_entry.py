"""What the incident form adds to plain typing: the post's clock that untouched times follow, and the checks only
the form can make (countries and quantities as typed, an unusually large quantity confirmed). Mixed into
IncidentForm (a QDialog), beside IncidentFormLayout; no I/O here.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QMessageBox

from sitcentre.domain.countries import UnknownCountries, parse_country_list
from sitcentre.domain.days import offset_text
from sitcentre.domain.records import Incident
from sitcentre.domain.unusual import unusually_large
from sitcentre.domain.validation import Problem


class IncidentFormEntry:
    """The clock (`tick` each minute, `occurred_ago` for the quick buttons) and the form's own checks."""

    # --- the clock -----------------------------------------------------------------------------

    def tick(self) -> None:
        """Each minute: the time now at the post, and the untouched times that follow it."""
        now = self.clock()
        for field in (self.occurred_at, self.reported_at):
            if field.follows_now:
                field.follow_now(now)
        post = self.reference.post(self.post.post_id())
        if post is None:
            self.now_label.setText(self.tr("Now: {time} UTC (choose a post)").format(time=f"{now:%H:%M}"))
        else:
            local = now + timedelta(minutes=post.utc_offset_minutes)
            self.now_label.setText(self.tr("Now at {post}: {time} ({offset})").format(
                post=post.name, time=f"{local:%H:%M}", offset=offset_text(post.utc_offset_minutes)))
        self.clock_timer.start(max(50, 60_050 - (now.second * 1000 + now.microsecond // 1000)))

    def occurred_ago(self, minutes: int) -> None:
        """A quick button: occurred this many minutes before now (to the minute); it stays there."""
        self.occurred_at.set_value(self.clock().replace(second=0, microsecond=0) - timedelta(minutes=minutes))

    # --- checks only the form can make --------------------------------------------------------

    def form_problems(self) -> list[Problem]:
        """What only the form can tell: text that is not a country code, a quantity that is not a number
        (call after incident(), which builds the lines)."""
        problems = []
        for name, combo in (("route_departure", self.route_departure), ("route_destination", self.route_destination)):
            try:
                combo.code()
            except UnknownCountries as exc:
                problems.append(Problem(name, exc.message))
        try:
            parse_country_list(self.route_transit.text(), self.reference.countries)
        except UnknownCountries as exc:
            problems.append(Problem("route_transit", exc.message))
        return problems + self.lines_editor.number_problems()

    def _transit(self) -> str:
        """Transit countries as codes ("tj kyrgyzstan" -> "TJ, KG"); text naming no country is kept as typed
        (form_problems refuses it, naming each unknown entry)."""
        try:
            return ", ".join(parse_country_list(self.route_transit.text(), self.reference.countries))
        except UnknownCountries:
            return self.route_transit.text().strip()

    def _large_quantities_confirmed(self, incident: Incident) -> bool:
        """An unusually large quantity (domain.unusual) on a new or changed line is saved only if confirmed."""
        before = {(ln.id, ln.substance_id, ln.quantity, ln.unit) for ln in (self._original.lines if self._original
                                                                           else ())}
        messages = []
        for line in incident.lines:
            substance = self.reference.substance(line.substance_id)
            if substance is not None and (line.id, line.substance_id, line.quantity, line.unit) not in before:
                found = unusually_large(line.quantity, line.unit, substance)
                messages += [found.message] if found else []
        if not messages or self.confirm_large(messages):
            return True
        self._banner(self.tr("Not saved: check the quantity. Your input is kept; save again to confirm it."),
                     error=True)
        return False

    def confirm_large(self, messages: list[str]) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unusually large quantity"), "\n\n".join(messages),
                          QMessageBox.StandardButton.NoButton, self)
        save = box.addButton(self.tr("&Save anyway"), QMessageBox.ButtonRole.AcceptRole)
        check = box.addButton(self.tr("&Check the quantity"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(check)
        box.exec()
        return box.clickedButton() is save
