"""Every email the app sends is first a row here; the worker delivers it.

Writing the message in the same transaction as the change that caused it
means a crash or restart loses no email, and a rolled-back change sends none.
"""

from __future__ import annotations

from django.db import models


class OutboxQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=OutboxMessage.Status.PENDING)

    def failed(self):
        return self.filter(status=OutboxMessage.Status.FAILED)


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    from_email = models.CharField(max_length=320)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    reply_to = models.JSONField(default=list)
    subject = models.CharField(max_length=998)
    body = models.TextField()
    alternatives = models.JSONField(default=list, help_text="[[content, mimetype], …]")
    attachments = models.JSONField(default=list, help_text="[[filename, base64 content, mimetype], …]")
    headers = models.JSONField(default=dict)
    message_id = models.CharField(
        max_length=255, blank=True, help_text="The Message-ID header, the same on every attempt."
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="A pending message is not tried again before this time (empty: now)."
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(
        null=True, blank=True, help_text="A message being sent whose lease expired belongs to a worker that died."
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
