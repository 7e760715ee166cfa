"""The roster as ``core.imports`` runs it: its options, its plan, its writes (see ``core.imports.base``)."""

from __future__ import annotations

from dataclasses import dataclass

from core.imports.progress import Progress
from core.spreadsheets import Spreadsheet
from people.models import District, RosterUpload, StaffMember
from people.roster.apply import PreparedRoster, prepare_roster, save_roster
from people.roster.plan import Plan, build_plan
from people.roster.reading import LIMITS, read_roster_sheets


@dataclass(frozen=True)
class RosterOptions:
    district: District
    by: StaffMember | None = None  # the admin importing: they may not remove their own access
    deactivate_missing: bool = False  # deactivate the district's people who are not in the file


class RosterImporter:
    noun = "Roster"
    limits = LIMITS

    def options(self, upload: RosterUpload) -> RosterOptions:
        return RosterOptions(upload.district, upload.uploaded_by, upload.deactivate_missing)

    def plan(self, spreadsheet: Spreadsheet, options: RosterOptions, progress: Progress) -> Plan:
        roster = read_roster_sheets(spreadsheet, progress)
        return build_plan(
            options.district, roster, by=options.by, progress=progress, deactivate_missing=options.deactivate_missing
        )

    def prepare(self, plan: Plan, options: RosterOptions) -> PreparedRoster:
        return prepare_roster(plan)

    def write(self, prepared: PreparedRoster, options: RosterOptions) -> None:
        save_roster(prepared)


ROSTER = RosterImporter()
