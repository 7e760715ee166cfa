"""Import the capability matrix from its workbook into a district (or one school): all or nothing, as on the web."""

from django.core.management.base import CommandError

from core.imports.commands import ImportCommand
from people.models import District, School
from roles.services.matrix_import import MATRIX, MatrixOptions


class Command(ImportCommand):
    help = "Import the capability matrix from its XLSX workbook (see docs/matrix-format.md)."
    importer = MATRIX

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--school", help="A school's matrix (its own answers) instead of the district's.")

    def options_from(self, *, district: str, **arguments) -> MatrixOptions:
        try:
            district_obj = District.objects.get(slug=district)
        except District.DoesNotExist as exc:
            raise CommandError(f"No district with the slug “{district}”.") from exc
        school = None
        if arguments.get("school"):
            school = School.objects.filter(district=district_obj, name__iexact=arguments["school"].strip()).first()
            if school is None:
                raise CommandError(f"No school named “{arguments['school']}” in {district_obj.name}.")
        return MatrixOptions(district_obj, school)
