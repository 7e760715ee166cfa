from django.contrib import admin, messages

from outbox import services
from outbox.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "attempts", "created_at", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to", "message_id"]
    actions = ["send_again"]

    @admin.action(description="Send the selected failed emails again")
    def send_again(self, request, queryset):
        count = services.resend(queryset.filter(status=OutboxMessage.Status.FAILED))
        self.message_user(request, f"{count} failed email(s) will be sent again.", messages.SUCCESS)
