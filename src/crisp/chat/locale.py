"""Where the person at this terminal is, for crisis resources: a region code such as "US", or None.

The order: `--locale` (the caller passes it), `CRISP_LOCALE`, then the terminal's own settings,
`LC_ALL`, `LC_MESSAGES` and `LANG` (`en_US.UTF-8` -> US, `zh_CN` -> CN, `en_GB` -> GB), then the
time zone (`TZ`, else `/etc/localtime`), mapped to its country through the system's `zone.tab`.
When nothing tells, the safety layer shows the international resources and says how to set it.

The web app does not use this: there, the browser's `Accept-Language` stands for the person, never
the server's environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")
LOCALTIME = Path("/etc/localtime")
# Locale values that say nothing about a place.
_PLACELESS = {"", "C", "POSIX"}
_REGION = re.compile(r"^[a-z]{2,3}[_-]([A-Za-z]{2})(?:[.@].*)?$")


def region_of_locale(value: str) -> str | None:
    """`en_US.UTF-8` -> "US"; `C.UTF-8`, `POSIX` and a bare `en` -> None."""
    value = value.strip()
    if value.split(".")[0] in _PLACELESS:
        return None
    match = _REGION.match(value)
    return match.group(1).upper() if match else None


def region_of_time_zone(zone: str, zone_tab: Path = ZONE_TAB) -> str | None:
    """`Asia/Shanghai` -> "CN", by the system's zone table; None for `UTC` or an unknown zone."""
    zone = zone.strip().lstrip(":")
    try:
        lines = zone_tab.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#") and fields[2] == zone:
            return fields[0].upper()
    return None


def _system_time_zone(localtime: Path) -> str | None:
    try:
        target = os.readlink(localtime)
    except OSError:
        return None
    _, found, zone = target.partition("zoneinfo/")
    return zone if found else None


def terminal_locale(environ: Mapping[str, str] | None = None, *, zone_tab: Path = ZONE_TAB,
                    localtime: Path = LOCALTIME) -> str | None:
    """The locale for crisis resources from the environment, in the order of the module docstring."""
    env = os.environ if environ is None else environ
    if env.get("CRISP_LOCALE", "").strip():
        return env["CRISP_LOCALE"].strip()
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value.strip():
            # The first one set decides, as for the C library; a placeless one ("C.UTF-8") tells nothing.
            region = region_of_locale(value)
            if region is not None:
                return region
    zone = env.get("TZ") or _system_time_zone(localtime)
    return region_of_time_zone(zone, zone_tab) if zone else None


__all__ = ["region_of_locale", "region_of_time_zone", "terminal_locale"]
