"""The reasons behind the default settings, read from the comments of `resources/weights.toml`.

The shipped defaults carry their reasoning as comments above each key (or above a section for
its keys); the Settings view shows that reasoning so a manager can defend a number.
"""

from __future__ import annotations

from functools import cache

from fsp_allocator.paths import resource_path

_SECTION_PREFIX = {
    "settings": "",
    "adult_capacity": "adult_capacity_",
    "stage_weights": "weight_",
    "factor_weights": "weight_factor_",
}


@cache
def default_reasons() -> dict[str, str]:
    """Settings key -> the comment explaining its default.

    A key's own comment block is its reason; keys without one take the section's first block
    (e.g. the factor weights share one explanation).
    """
    reasons: dict[str, str] = {}
    section, section_note, pending = "", "", []
    for raw in resource_path("weights.toml").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            pending.append(line.lstrip("#").strip())
        elif line.startswith("[") and line.endswith("]"):
            section, section_note, pending = line[1:-1].strip(), "", []
        elif "=" in line and section in _SECTION_PREFIX:
            own = " ".join(pending)
            section_note = section_note or own
            key = line.split("=", 1)[0].strip().strip('"')
            if own or section_note:
                reasons[_SECTION_PREFIX[section] + key] = own or section_note
            pending = []
    return reasons
