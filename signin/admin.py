from django.contrib import admin

from signin.models import SignInProvider


@admin.register(SignInProvider)
class SignInProviderAdmin(admin.ModelAdmin):
    """Operators configure any district's providers here; district admins on their own settings page."""

    list_display = ["district", "kind", "name", "allowed_domains", "client_secret_variable", "enabled"]
    list_filter = ["kind", "enabled"]
