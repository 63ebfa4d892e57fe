"""The installation's policy as the Settings dialog sees it (issue 16, item 3), over services.site_settings.

`current()` gives every installation setting with its value, its default and whether an administrator changed
it; `change({key: text})` stores several values at once (administrators; audited; checked together);
`reset()` returns them all to their defaults. Workstations apply the policy when they next start (the Backend
reads it once, so that every service of one session sees the same rules).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitcentre.backend.noun import Noun
from sitcentre.domain.permissions import Action
from sitcentre.services import site_settings
from sitcentre.services.site_settings import POLICIES, SettingRefused

__all__ = ["Installation", "InstallationSetting", "SettingRefused"]


@dataclass(frozen=True)
class InstallationSetting:
    key: str
    value: str  # as stored text: "24", "true", "300"
    default: str
    changed: bool  # an administrator set it (else the default applies)
    kind: type  # float, int or bool
    low: float | None
    high: float | None


class Installation(Noun):
    def current(self) -> list[InstallationSetting]:
        return [InstallationSetting(key, value, default, changed, POLICIES[key].kind, POLICIES[key].low,
                                    POLICIES[key].high)
                for key, value, default, changed in site_settings.current(self.engine, self.settings)]

    def may_change(self) -> bool:
        return self._desk.can(Action.SETTINGS_MANAGE)

    def change(self, texts: dict[str, str]) -> dict[str, tuple[str | None, str]]:
        """key -> (old, new) for each value that changed. SettingRefused (in words) or PermissionDenied."""
        return site_settings.set_values(self.engine, self.settings, texts, actor=self.actor)

    def reset(self) -> list[str]:
        """The keys set back to their defaults."""
        return site_settings.reset(self.engine, self.settings, actor=self.actor)
