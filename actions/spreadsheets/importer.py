"""The tracker as ``core.imports`` runs it: its options, its plan, its writes (see ``core.imports.base``)."""

from __future__ import annotations

from dataclasses import dataclass

from actions.models import TrackerUpload
from actions.spreadsheets.apply import PreparedItems, allowed_schools, prepare_items, save_items
from actions.spreadsheets.plan import Plan, build_plan
from actions.spreadsheets.reading import LIMITS, read_tracker_sheets
from core.imports.progress import Progress
from core.spreadsheets import Spreadsheet
from people.models import District, School, StaffMember


@dataclass(frozen=True)
class TrackerOptions:
    district: District
    school: School | None = None  # the school of rows without a School cell
    by: StaffMember | None = None  # who imports: a school leader imports only into the schools they lead


class TrackerImporter:
    noun = "Tracker"
    limits = LIMITS

    def options(self, upload: TrackerUpload) -> TrackerOptions:
        return TrackerOptions(upload.district, upload.school, upload.uploaded_by)

    def plan(self, spreadsheet: Spreadsheet, options: TrackerOptions, progress: Progress) -> Plan:
        sheet = read_tracker_sheets(spreadsheet, progress)
        progress.step("Checking the rows against the tracker")
        return build_plan(
            options.district, sheet, school=options.school, allowed_school_ids=allowed_schools(options.by)
        )

    def prepare(self, plan: Plan, options: TrackerOptions) -> PreparedItems:
        return prepare_items(plan, by=options.by)

    def write(self, prepared: PreparedItems, options: TrackerOptions) -> None:
        save_items(prepared)


TRACKER = TrackerImporter()
